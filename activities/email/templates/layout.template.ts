/** The branded MJML frame every email is rendered into; `content` is the template's rendered MJML fragment. */
export const MJML_LAYOUT = `<mjml lang="{{locale}}">
<mj-head>
<mj-title>{{subject}}</mj-title>
<mj-preview>{{subject}}</mj-preview>
<mj-attributes>
<mj-all font-family="-apple-system, Segoe UI, Helvetica, Arial, sans-serif" />
<mj-text font-size="15px" line-height="1.5" color="#1f2328" padding="6px 0" />
<mj-button background-color="{{brand.color}}" color="#ffffff" border-radius="6px" font-size="15px" padding="16px 0" />
<mj-table padding="6px 0" cellpadding="4px" />
</mj-attributes>
</mj-head>
<mj-body background-color="#f6f7f9" width="600px">
<mj-section padding="24px 0 8px">
<mj-column>
{{#if (url brand.logo_url)}}<mj-image src="{{url brand.logo_url}}" alt="{{brand.company_name}}" width="140px" align="left" padding="0 24px" />{{else}}<mj-text font-size="18px" font-weight="600" color="{{brand.color}}" padding="0 24px">{{brand.company_name}}</mj-text>{{/if}}
</mj-column>
</mj-section>
<mj-section background-color="#ffffff" border-radius="8px" padding="24px 32px">
<mj-column>
{{{content}}}
</mj-column>
</mj-section>
<mj-section padding="12px 32px">
<mj-column>
<mj-text font-size="12px" color="#6b7280">{{footer_line}}{{#if brand.footer}}<br />{{brand.footer}}{{/if}}</mj-text>
</mj-column>
</mj-section>
</mj-body>
</mjml>`;

/** The plain-text frame: the body, then the same footer as the HTML. */
export const TEXT_LAYOUT = `{{{content}}}

--
{{footer_line}}
{{#if brand.footer}}{{brand.footer}}
{{/if}}`;

/** The footer's first line by audience and language: team emails name the automation, customer emails invite a reply. */
export const FOOTER_LINES = {
  en: { customer: 'Questions about your bill? Just reply to this email.', team: 'Sent by the billing automation “{{automation.name}}” (version {{automation.version}}).' },
  fr: { customer: 'Une question sur votre facture ? Répondez simplement à cet e-mail.', team: 'Envoyé par l’automatisation de facturation « {{automation.name}} » (version {{automation.version}}).' },
} as const;
