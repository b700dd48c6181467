import {
  applyDecorators,
  Controller,
  Get,
  HttpCode,
  Headers,
  Param,
  Post,
  Res,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiGoneResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { DomainError, ErrorResponse } from '@peerline/http-kit';
import { Public } from '@peerline/identity';
import type { FastifyReply } from 'fastify';
import { TriageLinkResultDto } from './dto/triage.dto';
import { PublicThrottlerGuard } from './intake-throttler.guard';
import { TriageService } from './triage.service';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function page(title: string, message: string, confirm?: { label: string }): string {
  // The form posts back to the same address; text/plain is parsed by fastify without a plugin
  // and carries nothing: the token in the URL is the whole request.
  const form = confirm
    ? `<form method="post" enctype="text/plain"><button type="submit" style="font-size:1rem;padding:.6rem 1.2rem">${escapeHtml(confirm.label)}</button></form>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)} · Peerline</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1f2933}h1{font-size:1.4rem}</style>
</head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>${form}</body></html>`;
}

/** A browser opening the link gets a page; API clients get JSON. */
function wantsHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  const html = accept.indexOf('text/html');
  const json = accept.indexOf('application/json');
  return html !== -1 && (json === -1 || html < json);
}

/** What both link routes answer besides 200, and in which formats. */
const LinkResponses = () =>
  applyDecorators(
    ApiProduces('application/json', 'text/html'),
    ApiBadRequestResponse({ type: ErrorResponse, description: 'TRIAGE_LINK_INVALID' }),
    ApiGoneResponse({
      type: ErrorResponse,
      description: 'TRIAGE_LINK_USED, TRIAGE_LINK_EXPIRED, TRIAGE_LINK_SUPERSEDED',
    }),
    ApiConflictResponse({
      type: ErrorResponse,
      description: 'ILLEGAL_TRANSITION (already answered)',
    }),
  );

@ApiTags('triage')
@Public()
@Controller('public/triage')
export class PublicTriageController {
  constructor(private readonly triage: TriageService) {}

  @Get(':token')
  @UseGuards(PublicThrottlerGuard)
  @ApiOperation({
    summary:
      'Open a one-click link from the delivery e-mail: shows what it would do, changes nothing',
    description:
      'Mail scanners and link previews fetch every link of a message, so opening the link never acts: browsers (Accept: text/html) get a page with a confirm button that POSTs to the same address; API clients get the pending action as JSON. A used, tampered, expired or superseded link, or a request already answered, fails here as it would on POST.',
  })
  @ApiOkResponse({ type: TriageLinkResultDto, description: 'status is the current status' })
  @LinkResponses()
  async preview(
    @Param('token') token: string,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TriageLinkResultDto | string> {
    return this.answer(
      reply,
      accept,
      () => this.triage.previewOneClick(token),
      (result) =>
        page(
          result.action === 'accept' ? 'Accept this chat request?' : 'Decline this chat request?',
          result.message,
          { label: result.action === 'accept' ? 'Accept request' : 'Decline request' },
        ),
    );
  }

  @Post(':token')
  @HttpCode(200)
  @UseGuards(PublicThrottlerGuard)
  @ApiOperation({
    summary: 'Confirm a one-click accept or decline (no login)',
    description:
      'Signed, bound to the request and the ambassador, single-use (the accept and decline links of one e-mail share it), expiring after TRIAGE_LINK_TTL_DAYS. A used, tampered, expired or superseded link changes nothing. Browsers (Accept: text/html) get a short page instead of JSON.',
  })
  @ApiOkResponse({ type: TriageLinkResultDto })
  @LinkResponses()
  async use(
    @Param('token') token: string,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TriageLinkResultDto | string> {
    return this.answer(
      reply,
      accept,
      () => this.triage.oneClick(token),
      (result) =>
        page(result.action === 'accept' ? 'Request accepted' : 'Request declined', result.message),
    );
  }

  /** JSON for API clients; for browsers a page, errors included (with their status code). */
  private async answer(
    reply: FastifyReply,
    accept: string | undefined,
    run: () => Promise<TriageLinkResultDto>,
    html: (result: TriageLinkResultDto) => string,
  ): Promise<TriageLinkResultDto | string> {
    reply.header('cache-control', 'no-store');
    reply.header('referrer-policy', 'no-referrer');
    if (!wantsHtml(accept)) return run();
    try {
      const result = await run();
      reply.type('text/html; charset=utf-8');
      return html(result);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      reply.code(err.status).type('text/html; charset=utf-8');
      return page('Nothing was changed', err.message);
    }
  }
}
