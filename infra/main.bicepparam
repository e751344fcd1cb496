using 'main.bicep'

// The parameters of a LeadIntake deployment. infra/deploy.sh sets the LEADINTAKE_* environment variables from its
// options (and the secrets, so they never appear on a command line); without them, the production defaults below
// apply. Secret values are never written in this file.
param name = readEnvironmentVariable('LEADINTAKE_NAME', 'leadintake')
param functionAppName = readEnvironmentVariable('LEADINTAKE_APP_NAME', '')
// any(): the value is checked against the template's allowed 512, 2048, 4096 at deployment.
param instanceMemoryMB = any(int(readEnvironmentVariable('LEADINTAKE_INSTANCE_MEMORY_MB', '2048')))
param maximumInstanceCount = int(readEnvironmentVariable('LEADINTAKE_MAX_INSTANCES', '100'))

// Every minute: a breach is seen within a minute of its deadline (README "The SLA clock").
param slaCheckSchedule = readEnvironmentVariable('LEADINTAKE_SLA_CHECK_SCHEDULE', '0 * * * * *')
// Every 10 minutes: how stale the KPIs may be; each run rebuilds today, yesterday and the days marked.
param funnelRebuildSchedule = readEnvironmentVariable('LEADINTAKE_FUNNEL_REBUILD_SCHEDULE', '0 */10 * * * *')

// A JSON array of origins, e.g. ["https://www.contoso.com"].
param allowedOrigins = json(readEnvironmentVariable('LEADINTAKE_ALLOWED_ORIGINS', '[]'))

param alertEmail = readEnvironmentVariable('LEADINTAKE_ALERT_EMAIL', '')
param slaBreachesPerHour = 5
param http5xxPercent = 5
param http5xxMinimumCount = 5
param dashboardSignInClientId = readEnvironmentVariable('LEADINTAKE_DASHBOARD_SIGN_IN_CLIENT_ID', '')

// Only on the first deployment (or to change them); empty keeps what the vault holds.
param identitySecretValue = readEnvironmentVariable('LEADINTAKE_IDENTITY_SECRET', '')
param handoffWebhookEnabled = bool(readEnvironmentVariable('LEADINTAKE_HANDOFF_WEBHOOK_ENABLED', 'false'))
param handoffWebhookUrl = readEnvironmentVariable('LEADINTAKE_HANDOFF_WEBHOOK_URL', '')
param handoffWebhookSecret = readEnvironmentVariable('LEADINTAKE_HANDOFF_WEBHOOK_SECRET', '')
