// Provenance: the chain of hops, the rights that apply, the attribution templates and the fail-closed check.
export { buildProvenanceChain, type ChainArticle } from './chain.js';
export { MissingAttributionError } from './missing-attribution-error.js';
export {
  assertPublishable,
  attributionTemplateOf,
  checkPublishable,
  disclaimerTemplateOf,
  templateValuesOf,
  type PublishCheck,
  type PublishInput,
} from './publishable.js';
export { effectiveRights, hasRights } from './rights.js';
export { operatorSettingFor, publishRefusalMessage } from './operator-setting.js';
export {
  DEFAULT_ATTRIBUTION_TEMPLATE,
  DEFAULT_DISCLAIMER_TEMPLATE,
  PLACEHOLDER_FIELDS,
  missingTemplateFields,
  renderTemplate,
  renderTemplateParts,
  templatePlaceholders,
  type Placeholder,
  type TemplatePart,
  type TemplateValues,
} from './template.js';
export { alteredCopyRefusal, editsAllowed, noDerivativesClause, type EditsAllowed } from './edits-allowed.js';
