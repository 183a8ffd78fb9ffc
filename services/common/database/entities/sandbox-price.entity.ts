import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A recurring sandbox price (`price_…`) of a product, billed each month or year. */
@Entity('sandbox_prices')
@Index('sandbox_prices_product', ['productId'])
export class SandboxPriceEntity {
  @PrimaryColumn('text')
  id: string;

  @Column('text', { name: 'product_id' })
  productId: string;

  /** Minor units (cents). */
  @Column('integer', { name: 'unit_amount' })
  unitAmount: number;

  /** Lower-case ISO 4217. */
  @Column('text')
  currency: string;

  @Column('text')
  interval: 'month' | 'year';

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
