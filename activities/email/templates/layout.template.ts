/** One email template's Handlebars sources: subject and text are plain text, html is HTML-escaped. */
export interface EmailTemplateSource {
  /** Customer emails end with a reply hint; team emails name the automation that sent them. */
  audience: 'customer' | 'team';
  subject: string;
  html: string;
  text: string;
}

/** The HTML frame every email is rendered into; `content` is the template's already-rendered body. */
export const HTML_LAYOUT = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{subject}}</title>
</head>
<body style="margin:0;padding:0;background:#f6f7f9;font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#1f2328;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:8px;">
<tr><td style="padding:32px;font-size:15px;line-height:1.5;">
{{{content}}}
</td></tr>
<tr><td style="padding:16px 32px;border-top:1px solid #e5e7eb;font-size:12px;color:#6b7280;">
{{#if (eq audience "team")}}Sent by the billing automation “{{automation.name}}” (version {{automation.version}}).{{else}}Questions about your bill? Just reply to this email.{{/if}}
</td></tr>
</table>
</td></tr></table>
</body>
</html>
`;

/** The plain-text frame: the body, then the same footer as the HTML. */
export const TEXT_LAYOUT = `{{{content}}}

--
{{#if (eq audience "team")}}Sent by the billing automation "{{automation.name}}" (version {{automation.version}}).{{else}}Questions about your bill? Just reply to this email.{{/if}}
`;
