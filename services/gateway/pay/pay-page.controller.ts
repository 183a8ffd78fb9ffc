import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../../common/http/api-key.guard';
import { problem } from '../../common/http/problem-details';
import { ProblemException } from '../../common/http/problem-details.filter';
import { renderPayPage, renderRefusal } from './pay-page.html';
import { PayPageRefusal, PayPageService } from './pay-page.service';

// The page loads nothing (inline style, no script); the token in its address must not leak through Referer or caches.
const PAGE_HEADERS = {
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

/**
 * `/pay/{token}`: the sandbox's self-service page of customer emails, public (the signed, expiring token is the
 * credential, no cookie: a cross-site form cannot act without the token, and a foreign Origin is refused).
 */
@Public()
@ApiExcludeController()
@Controller('pay')
export class PayPageController {
  constructor(private readonly page: PayPageService) {}

  @Get(':token')
  async show(@Param('token') token: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.answer(req, res, async () => ({ status: 200, html: renderPayPage(await this.page.view(token)) }));
  }

  @Post(':token')
  async act(@Param('token') token: string, @Body() form: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.answer(req, res, async () => {
      sameOrigin(req, token, form);
      const notice = form.action === 'pay' ? await this.page.pay(token, form.attempt)
        : form.action === 'card' ? await this.page.addCard(token, form)
          : (() => { throw new PayPageRefusal(422, 'Not possible', 'Unknown action.'); })();
      // A declined card is the customer's 402; the page says so and offers the card form.
      return { status: notice?.kind === 'error' ? 402 : 200, html: renderPayPage(await this.page.view(token, notice)) };
    });
  }

  /** Sends the page, or a refusal: HTML for browsers, problem+json for clients that prefer JSON. */
  private async answer(req: Request, res: Response, work: () => Promise<{ status: number; html: string }>): Promise<void> {
    try {
      const { status, html } = await work();
      res.status(status).set(PAGE_HEADERS).type('html').send(html);
    } catch (error) {
      if (!(error instanceof PayPageRefusal)) throw error;
      if (req.accepts(['html', 'json']) === 'json') throw new ProblemException(problem(error.status, error.message));
      res.status(error.status).set(PAGE_HEADERS).type('html').send(renderRefusal(error.title, error.message));
    }
  }
}

/** The form must carry the same token as its address and, when the browser says where it comes from, come from here. */
function sameOrigin(req: Request, token: string, form: Record<string, unknown>): void {
  const origin = req.get('origin');
  if (origin && origin !== 'null' && new URL(origin).host !== req.get('host')) throw new PayPageRefusal(403, 'Not possible', 'This form was sent from another site.');
  if (form.token !== token) throw new PayPageRefusal(403, 'Not possible', 'This form does not belong to this link.');
}
