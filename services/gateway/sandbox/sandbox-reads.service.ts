import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import * as e from '../../common/database/entities';
import { problem } from '../../common/http/problem-details';
import { ProblemException } from '../../common/http/problem-details.filter';
import type { ListInvoicesQuery } from './dto/create-invoice.dto';

/** Sandbox lists hold at most this many objects, newest first: the ledger is for demos and tests. */
const LIST_LIMIT = 100;

/** Reads of the sandbox ledger, as stored. */
@Injectable()
export class SandboxReadsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  listCustomers() {
    return this.list(e.SandboxCustomerEntity, {});
  }

  async getCustomer(id: string) {
    const customer = await this.one(e.SandboxCustomerEntity, 'customer', { id });
    const paymentMethods = await this.list(e.SandboxPaymentMethodEntity, { customerId: id });
    return { ...customer, paymentMethods: paymentMethods.data };
  }

  getPaymentMethod(id: string) {
    return this.one(e.SandboxPaymentMethodEntity, 'payment method', { id });
  }

  async getProduct(id: string) {
    const product = await this.one(e.SandboxProductEntity, 'product', { id });
    return { ...product, prices: (await this.list(e.SandboxPriceEntity, { productId: id })).data };
  }

  listProducts() {
    return this.list(e.SandboxProductEntity, {});
  }

  getPrice(id: string) {
    return this.one(e.SandboxPriceEntity, 'price', { id });
  }

  listSubscriptions(customerId?: string) {
    return this.list(e.SandboxSubscriptionEntity, customerId ? { customerId } : {});
  }

  getSubscription(id: string) {
    return this.one(e.SandboxSubscriptionEntity, 'subscription', { id });
  }

  listInvoices(query: ListInvoicesQuery) {
    const where = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined));
    return this.list(e.SandboxInvoiceEntity, where as FindOptionsWhere<e.SandboxInvoiceEntity>);
  }

  /** The invoice with every charge attempt made on it, oldest first. */
  async getInvoice(id: string) {
    const invoice = await this.one(e.SandboxInvoiceEntity, 'invoice', { id });
    const charges = await this.dataSource.manager.find(e.SandboxChargeEntity, { where: { invoiceId: id }, order: { createdAt: 'ASC', attemptNumber: 'ASC' } });
    return { ...invoice, charges };
  }

  private async one<T extends ObjectLiteral>(entity: EntityTarget<T>, what: string, where: FindOptionsWhere<T>): Promise<T> {
    const row = await this.dataSource.manager.findOneBy(entity, where);
    if (!row) throw new ProblemException(problem(404, `No sandbox ${what} ${String((where as { id?: string }).id)}`));
    return row;
  }

  private async list<T extends ObjectLiteral>(entity: EntityTarget<T>, where: FindOptionsWhere<T>): Promise<{ data: T[] }> {
    const data = await this.dataSource.manager.find(entity, { where, order: { createdAt: 'DESC' } as never, take: LIST_LIMIT });
    return { data };
  }
}
