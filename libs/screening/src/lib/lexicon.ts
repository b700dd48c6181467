// Word lists behind the specificity score and the generic-template rule. They are deliberately
// broad (a legitimate ask should find at least one hook), and they only ever lower a request to
// review on their own; rejection needs the generic phrasing *and* the absence of every signal.

// Canonical topic names for common spellings, so "K8s", "PostgreSQL" and "golang" match an
// ambassador's "kubernetes", "postgres" and "go". Maps, not object literals: topics are user
// input, and "constructor" or "__proto__" must not resolve to Object.prototype members.
export const TOPIC_ALIASES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    k8s: 'kubernetes',
    kube: 'kubernetes',
    postgresql: 'postgres',
    pg: 'postgres',
    psql: 'postgres',
    golang: 'go',
    nodejs: 'node',
    'node-js': 'node',
    reactjs: 'react',
    'react-js': 'react',
    ts: 'typescript',
    js: 'javascript',
    ml: 'machine-learning',
    'deep-learning': 'machine-learning',
    llm: 'machine-learning',
    llms: 'machine-learning',
    sre: 'observability',
    'site-reliability': 'observability',
    appsec: 'security',
    infosec: 'security',
    'amazon-web-services': 'aws',
    gcp: 'google-cloud',
    tf: 'terraform',
    'data-engineer': 'data-engineering',
    'front-end': 'frontend',
    'back-end': 'backend',
  }),
);

// Topic words that are also ordinary English words; they count as mentioned in free text only in
// an unmistakably technical phrase.
export const AMBIGUOUS_TOPIC_PATTERNS: ReadonlyMap<string, RegExp> = new Map(
  Object.entries({
    go: /\b(?:golang|goroutines?|go (?:services?|code|codebase|teams?|developers?|dev|engineers?|modules?|generics|backend|microservices?|programs?|binar(?:y|ies)|ci|tests?|apis?|apps?|libraries|library|sdk|toolchain)|in go\b)/iu,
    rust: /\b(?:rust(?:lang| code| codebase| services?| teams?| developers?| crates?| async| compile| ci)?)\b/iu,
    swift: /\b(?:swiftui|swift (?:code|codebase|packages?|concurrency|developers?))\b/iu,
    r: /\b(?:r (?:packages?|shiny|studio|scripts?)|rstudio|tidyverse)\b/iu,
    c: /\b(?:c (?:code|codebase|developers?|programs?)|embedded c)\b/iu,
  }),
);

// Technical and engineering-domain vocabulary: a question that names one of these is about
// something specific. Lower-case single tokens; multi-word entries are matched as phrases.
// prettier-ignore
export const TECH_TERMS: ReadonlySet<string> = new Set([
  // languages and runtimes
  'typescript', 'javascript', 'node', 'nodejs', 'deno', 'bun', 'python', 'java', 'kotlin', 'scala', 'golang',
  'rust', 'ruby', 'rails', 'php', 'laravel', 'elixir', 'erlang', 'haskell', 'clojure', 'swift', 'swiftui',
  'objective-c', 'dart', 'flutter', 'c++', 'c#', 'dotnet', '.net', 'jvm', 'wasm', 'webassembly', 'sql', 'bash',
  'pyo3', 'pgrx', 'tokio', 'async', 'generics', 'gc', 'compiler', 'compilers', 'interpreter',
  // frontend and mobile
  'react', 'reactjs', 'next.js', 'nextjs', 'vue', 'angular', 'svelte', 'redux', 'css', 'html', 'dom', 'storybook',
  'webpack', 'vite', 'frontend', 'front-end', 'ssr', 'hydration', 'accessibility', 'a11y', 'i18n', 'rtl',
  'android', 'ios', 'compose', 'jetpack', 'gradle', 'xcode', 'spm', 'kmp', 'mobile', 'web', 'browser',
  'playwright', 'cypress', 'jest', 'vitest', 'rum', 'lcp', 'vitals', 'design-system', 'figma',
  // backend, data and infra
  'backend', 'back-end', 'api', 'apis', 'rest', 'graphql', 'grpc', 'protobuf', 'openapi', 'websocket', 'websockets',
  'microservice', 'microservices', 'monolith', 'monorepo', 'polyrepo', 'nx', 'turborepo', 'bazel',
  'postgres', 'postgresql', 'mysql', 'sqlite', 'mongodb', 'redis', 'cassandra', 'dynamodb', 'elasticsearch',
  'opensearch', 'citus', 'cockroachdb', 'snowflake', 'bigquery', 'redshift', 'clickhouse', 'dbt', 'airflow',
  'spark', 'flink', 'beam', 'kafka', 'rabbitmq', 'sqs', 'sns', 'pubsub', 'nats', 'temporal', 'celery',
  'kubernetes', 'k8s', 'helm', 'istio', 'linkerd', 'envoy', 'argo', 'karpenter', 'eks', 'gke', 'aks',
  'docker', 'container', 'containers', 'buildkit', 'terraform', 'terragrunt', 'pulumi', 'ansible', 'vault',
  'aws', 'gcp', 'azure', 'lambda', 'serverless', 'rds', 's3', 'cloudflare', 'cdn', 'dns', 'tls',
  'ci', 'cd', 'ci/cd', 'pipeline', 'pipelines', 'jenkins', 'github', 'gitlab', 'actions',
  'observability', 'opentelemetry', 'otel', 'tracing', 'traces', 'metrics', 'prometheus', 'grafana', 'datadog',
  'logging', 'logs', 'alerting', 'alerts', 'slo', 'slos', 'sla', 'sli', 'on-call', 'oncall', 'pager', 'incident',
  'incidents', 'postmortem', 'postmortems', 'chaos', 'gameday', 'sre', 'devops', 'finops', 'latency', 'p99',
  'throughput', 'scalability', 'scaling', 'autoscaling', 'capacity', 'performance', 'profiling',
  'caching', 'cache', 'queue', 'queues', 'stream', 'streams', 'streaming', 'consumer', 'consumers', 'producer',
  'replication', 'sharding', 'shard', 'partitioning', 'index', 'indexes', 'schema', 'schemas', 'migration',
  'migrations', 'backfill', 'backfills', 'transactions', 'idempotency', 'consistency', 'consensus', 'raft',
  'distributed', 'concurrency', 'deadlines', 'retries', 'backpressure', 'limiting', 'pagination',
  'deploy', 'deploys', 'deployment', 'deployments', 'rollout', 'rollouts', 'canary', 'blue-green', 'rollback',
  'feature', 'flags', 'testing', 'tests', 'test', 'flaky', 'e2e', 'unit', 'integration', 'tdd', 'property-based',
  'code', 'codebase', 'refactor', 'refactoring', 'pull', 'pr', 'prs', 'linting', 'linters',
  'typing', 'mypy', 'strict', 'architecture', 'rfc', 'rfcs', 'adr', 'adrs', 'docs',
  'documentation', 'tooling', 'builds', 'compile', 'dependency', 'dependencies', 'versioning',
  'security', 'threat', 'vulnerability', 'vulnerabilities', 'pentest', 'auth', 'oauth', 'sso', 'encryption',
  'secrets', 'certificates', 'semgrep', 'sast', 'pci', 'gdpr', 'compliance', 'privacy', 'pii', 'bounty',
  'ml', 'mlops', 'model', 'models', 'training', 'inference', 'gpu', 'gpus', 'llm', 'llms',
  'embeddings', 'vector', 'ranking', 'recommendation', 'recommendations', 'nlp', 'drift', 'feast',
  'evaluation', 'eval', 'a/b', 'experiment', 'experiments', 'forecasting', 'classifier', 'fine-tuning',
  'data', 'warehouse', 'etl', 'elt', 'lineage', 'contracts', 'avro', 'parquet', 'analytics',
  // engineering-domain nouns that make a question concrete
  'payments', 'ledger', 'reconciliation', 'billing', 'checkout', 'fraud', 'notifications',
  'scheduling', 'multi-tenant', 'tenancy', 'tenants', 'onboarding', 'modularization', 'offline', 'sync',
  'realtime', 'latency', 'backups', 'restore', 'dst', 'timezones', 'operator', 'operators', 'reconcile',
  'platform', 'infrastructure', 'infra', 'networking', 'embedded', 'firmware', 'drivers', 'cli',
]);

// prettier-ignore
export const TECH_PHRASES: readonly string[] = [
  'code review', 'design doc', 'design docs', 'pull request', 'feature flag', 'feature flags', 'on call',
  'machine learning', 'data engineering', 'data quality', 'data contracts', 'event sourcing', 'zero downtime',
  'zero-downtime', 'state management', 'design system', 'developer experience', 'tech debt', 'technical debt',
  'trunk-based', 'incident review', 'threat model', 'threat-modeling', 'load test', 'load tests',
  'time zones', 'cold start', 'system design', 'rate limiting', 'search api', 'search ranking', 'cold-start', 'dead letter', 'exactly-once', 'server components',
];

// Words that carry no information about *what* someone wants to discuss: a question made only
// of these ("what is it like to work at your company?") is not a concrete question.
// prettier-ignore
export const GENERIC_WORDS: ReadonlySet<string> = new Set([
  'job', 'jobs', 'role', 'roles', 'position', 'positions', 'opening', 'openings', 'opportunity', 'opportunities',
  'vacancy', 'vacancies', 'referral', 'referrals', 'refer', 'referring', 'recommend', 'resume', 'cv', 'help',
  'advice', 'tips', 'guidance', 'career', 'careers', 'company', 'companies', 'organization', 'team', 'teams',
  'experience', 'experiences', 'years', 'chat', 'call', 'connect', 'network', 'networking', 'work', 'working',
  'culture', 'hiring', 'hire', 'hired', 'interview', 'interviews', 'apply', 'application', 'applications',
  'process', 'engineer', 'engineers', 'developer', 'developers', 'software', 'tech', 'technology', 'technologies',
  'industry', 'skills', 'background', 'profile', 'linkedin', 'get', 'getting', 'find', 'land', 'join', 'like',
  'know', 'learn', 'tell', 'share', 'talk', 'discuss', 'chance', 'time', 'minutes', 'quick', 'coffee', 'week',
  'thing', 'things', 'stuff', 'anything', 'everything', 'something', 'question', 'questions', 'day', 'life',
  'people', 'person', 'manager', 'managers', 'hr', 'recruiter', 'salary', 'offer', 'place', 'start', 'switch',
  'better', 'good', 'great', 'best', 'new', 'next', 'current', 'field', 'area', 'domain', 'sir', 'madam', 'dear',
  'hello', 'hi', 'hey', 'thanks', 'thank', 'please', 'kindly', 'appreciate', 'grateful', 'support', 'guide',
  'mentor', 'mentorship', 'ambassador', 'program', 'step', 'steps', 'way', 'ways', 'lot', 'lots', 'kind', 'type',
  'website', 'careers', 'page', 'post', 'posting', 'remote', 'relocation', 'visa', 'fit', 'suitable', 'want',
  'need', 'looking', 'look', 'seeking', 'search', 'searching', 'open', 'available', 'interested', 'interest',
  'use', 'using', 'used', 'do', 'does', 'make', 'happen', 'become', 'typical', 'normal', 'general', 'overall',
]);

// prettier-ignore
export const STOP_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'and', 'or', 'but', 'if', 'so', 'of', 'to', 'in', 'on', 'at', 'for', 'from', 'by', 'with',
  'about', 'as', 'into', 'over', 'than', 'then', 'this', 'that', 'these', 'those', 'it', 'its', "it's", 'is',
  'are', 'was', 'were', 'be', 'been', 'being', 'am', 'i', "i'm", "i'd", "i've", 'me', 'my', 'mine', 'we', 'our',
  'us', 'you', 'your', "you're", 'yours', 'he', 'she', 'they', 'them', 'their', 'what', "what's", 'which', 'who',
  'whom', 'whose', 'why', 'how', 'when', 'where', 'can', 'could', 'would', 'should', 'will', 'shall', 'may',
  'might', 'must', 'have', 'has', 'had', 'do', 'does', 'did', 'done', 'not', 'no', 'yes', 'any', 'some', 'all',
  'just', 'also', 'very', 'really', 'much', 'many', 'more', 'most', 'there', 'here', 'up', 'out', 'again', 'too',
  'there', "there's", 'let', "let's", 'us', 'one', 'someone', 'anyone', 'each', 'other', 'own', 'same', 'such',
  'only', 'both', 'few', 'well', 'ok', 'okay', 'now', 'still', 'yet', 'ever', 'never', 'always', 'often',
]);

// Phrasings typical of mass-mailed job and referral requests.
export const GENERIC_PHRASES: readonly RegExp[] = [
  /\b(?:suggested|recommended|told me)(?: that)?(?: i)? (?:to )?(?:contact|reach out|get in touch|write)/iu,
  /\b(?:resume|cv)(?: is)? (?:attached|enclosed)\b/iu,
  /\b(?:attach(?:ed|ing)?|find|enclos(?:ed|ing)|send(?:ing)?)(?: you)? (?:attached )?my (?:resume|cv)\b/iu,
  /\blooking for (?:a |an |my )?(?:new |next |suitable )?(?:job|role|position|opportunit|challenge)/iu,
  /\b(?:job search|job hunting|seeking (?:a |an )?(?:challenging |new )?(?:position|job|role))\b/iu,
  /\b(?:refer me|referring me|get a referral|a referral for|be my referral|need a referral|put in a good word|recommend me)\b/iu,
  /\bpick your brain\b/iu,
  /\bhelp me (?:to )?(?:get|find|land)(?: into)?(?: a| an)?(?: new)? (?:job|role|position|interview|work)/iu,
  /\b(?:any|open) (?:openings|positions|roles|opportunities|vacancies)\b/iu,
  /\b(?:are you|is your company|is the company) hiring\b/iu,
  /\b(?:explor(?:e|ing)|discuss(?:ing)?) (?:new |career |possible |potential |any )?opportunit/iu,
  /\bif you can help(?: me)?,? i (?:would|will) (?:really )?appreciate/iu,
  /\b(?:any|your) help (?:would be|is|will be) (?:much |greatly |really )?appreciated\b/iu,
  /\b(?:let'?s|love to|like to) connect\b/iu,
  /\b(?:coffee chat|virtual coffee|quick call)\b/iu,
  /\bhope this (?:message|email|e-mail|note) finds you well\b/iu,
  /\b(?:esteemed (?:organi[sz]ation|company)|respected sir|dear sir|kindly (?:find|assist|help))\b/iu,
  /\b(?:forward|pass) my (?:resume|cv|application)\b/iu,
  /\bcheck my application\b/iu,
  /\bx years(?: of)? experience\b/iu,
  /\b(?:career (?:advice|opportunit|guidance)|be my mentor)\b/iu,
  /\binterested in (?:any|all) (?:software )?(?:role|position|job|opening)s?\b/iu,
];

// Opening words and phrasings of a question, for asks written without a question mark.
export const INTERROGATIVE_START =
  /^(?:(?:hi|hello|hey|hola|so|and|also|please|my question(?: is)?|question)[,:!]?\s+)*(?:how|what|what's|which|why|when|where|who|whose|is|are|do|does|did|can|could|would|should|will|have|has|wie|was|warum|welche|comment|pourquoi|quel|quelle|cómo|como|qué|que|cuál|por qué)\b/iu;

export const INTERROGATIVE_PHRASE =
  /\b(?:i(?:'d| would)? (?:like|love|want) to (?:know|learn|understand|hear|ask|discuss|talk about)|(?:i'?m |i am )?curious (?:about|how|whether|if|what|why)|wondering (?:how|whether|if|what|why)|tell me (?:how|what|why|about how)|walk me through|explain how|share how|your (?:view|opinion|take|experience) (?:on|with)|question about|ask (?:you )?about|ask how)\b/iu;

// Achievements in the value proposition ("I built …", "I maintain …").
export const OWN_WORK_VERBS =
  /\b(?:i|we) (?:(?:have |had |also )?(?:built|build|maintain|maintained|wrote|write|created|designed|led|lead|run|ran|own|owned|shipped|implemented|introduced|migrated|contributed|authored|reduced|cut|improved|fixed|scaled|operate|manage|managed|automate|automated|set up|gave|published|ported|benchmarked|audit|tuned|optimized|optimised|added|architected|did|deprecated|split|compiled|reported))\b/iu;

// Hosts whose links show someone's work (code, writing, talks); social profiles, job boards and
// link shorteners do not count.
// prettier-ignore
export const WORK_HOSTS = [
  'github.com', 'gitlab.com', 'bitbucket.org', 'codeberg.org', 'sr.ht', 'npmjs.com', 'pypi.org', 'crates.io',
  'pkg.go.dev', 'hex.pm', 'rubygems.org', 'nuget.org', 'arxiv.org', 'dev.to', 'medium.com', 'substack.com',
  'hashnode.dev', 'youtube.com', 'youtu.be', 'speakerdeck.com', 'slideshare.net', 'kaggle.com',
  'huggingface.co', 'observablehq.com', 'codepen.io', 'stackoverflow.com', 'apps.apple.com', 'play.google.com',
  'netlify.app', 'vercel.app', 'github.io', 'gitlab.io', 'pages.dev', 'hackerone.com',
];

// prettier-ignore
export const NON_WORK_HOSTS = [
  'linkedin.com', 'facebook.com', 'instagram.com', 'twitter.com', 'x.com', 't.me', 'telegram.me', 'wa.me',
  'whatsapp.com', 'discord.gg', 'discord.com', 'bit.ly', 'tinyurl.com', 'goo.gl', 't.co', 'ow.ly', 'indeed.com',
  'glassdoor.com', 'tiktok.com',
];
