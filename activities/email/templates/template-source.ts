import type { TriggerType } from '../../../domain/automation';
import type { EmailLanguage } from '../../../domain/email-locale';
import type { EmailTemplateName } from '../../../domain/email-templates';

/**
 * One language of a template, as stored in `email_templates`: Handlebars throughout; `body` is an MJML fragment
 * (`<mj-text>`, `<mj-button>`, …) placed in the branded layout's column, `subject` and `text` are plain text.
 */
export interface EmailTemplateContent {
  subject: string;
  body: string;
  text: string;
}

/** A template shipped in code: seeded as version 1 of each of its languages. */
export interface BuiltinEmailTemplate {
  name: EmailTemplateName;
  /** Customer emails end with a reply hint; team emails name the automation that sent them. */
  audience: 'customer' | 'team';
  description: string;
  /** The trigger whose runs fill its variables (the save check and the sample data follow it). */
  trigger: TriggerType;
  /** Variables beyond the trigger's own (a step option such as `survey_url`). */
  extraVariables?: string[];
  content: Record<EmailLanguage, EmailTemplateContent>;
}
