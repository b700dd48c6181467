import { Controller, Get, Headers, Param, Res, UseGuards } from '@nestjs/common';
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

function page(title: string, message: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)} · Peerline</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1f2933}h1{font-size:1.4rem}</style>
</head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>`;
}

/** A browser opening the link gets a page; API clients get JSON. */
function wantsHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  const html = accept.indexOf('text/html');
  const json = accept.indexOf('application/json');
  return html !== -1 && (json === -1 || html < json);
}

@ApiTags('triage')
@Public()
@Controller('public/triage')
export class PublicTriageController {
  constructor(private readonly triage: TriageService) {}

  @Get(':token')
  @UseGuards(PublicThrottlerGuard)
  @ApiOperation({
    summary: 'One-click accept or decline from the delivery e-mail (no login)',
    description:
      'Signed, bound to the request and the ambassador, single-use (the accept and decline links of one e-mail share it), expiring after TRIAGE_LINK_TTL_DAYS. A used, tampered, expired or superseded link changes nothing. Browsers (Accept: text/html) get a short page instead of JSON.',
  })
  @ApiProduces('application/json', 'text/html')
  @ApiOkResponse({ type: TriageLinkResultDto })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'TRIAGE_LINK_INVALID' })
  @ApiGoneResponse({
    type: ErrorResponse,
    description: 'TRIAGE_LINK_USED, TRIAGE_LINK_EXPIRED, TRIAGE_LINK_SUPERSEDED',
  })
  @ApiConflictResponse({
    type: ErrorResponse,
    description: 'ILLEGAL_TRANSITION (already answered)',
  })
  async use(
    @Param('token') token: string,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TriageLinkResultDto | string> {
    reply.header('cache-control', 'no-store');
    reply.header('referrer-policy', 'no-referrer');
    if (!wantsHtml(accept)) return this.triage.oneClick(token);
    try {
      const result = await this.triage.oneClick(token);
      reply.type('text/html; charset=utf-8');
      return page(
        result.action === 'accept' ? 'Request accepted' : 'Request declined',
        result.message,
      );
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      reply.code(err.status).type('text/html; charset=utf-8');
      return page('Nothing was changed', err.message);
    }
  }
}
