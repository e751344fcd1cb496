// The function app on Flex Consumption (FC1, Linux), runtime dotnet-isolated 10.0, as in the Flex sample
// (Azure-Samples/azure-functions-flex-consumption-samples, IaC/bicep/main.bicep) but with a user-assigned identity for
// everything: the deployment package, AzureWebJobsStorage (identity-based settings only), Application Insights
// (Entra ingestion) and the Key Vault references.

@description('Azure region.')
param location string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Name of the function app (the host name is NAME.azurewebsites.net).')
param functionAppName string

@description('Resource id of the user-assigned managed identity.')
param identityId string

@description('Client id of the user-assigned managed identity.')
param identityClientId string

@description('Blob, queue and table endpoints of the storage account.')
param blobEndpoint string
param queueEndpoint string
param tableEndpoint string

@description('Container of the deployment package.')
param deploymentContainerName string

@description('Memory of each instance, in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int

@description('Most instances the app scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Name of the Application Insights component.')
param appInsightsName string

@description('Vault URI of the Key Vault holding the secrets.')
param vaultUri string

@description('Secret names in the vault.')
param identitySecretName string
param webhookUrlSecretName string
param webhookKeySecretName string

@description('Whether the hand-off webhook settings (URL and HMAC key, both in the vault) are set.')
param handoffWebhookEnabled bool

@description('NCRONTAB schedules (seconds first) of SlaCheck and RebuildFunnel.')
param slaCheckSchedule string
param funnelRebuildSchedule string

@description('Origins of the built-in default form (LeadCaptureOptions__AllowedOrigins__0..N).')
param allowedOrigins string[]

@description('Client id of a Microsoft Entra app registration: when set, sign-in is required for the dashboard, KPI and export routes.')
param dashboardSignInClientId string

param tags object = {}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true // Linux
  }
}

// A Key Vault reference without a version follows the latest version of the secret.
var keyVaultReference = map(
  [identitySecretName, webhookUrlSecretName, webhookKeySecretName],
  name => '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/${name}/)'
)

var baseSettings = [
  // Identity-based storage, read as the host reads it; the app's clients read the same section (README "Settings").
  { name: 'AzureWebJobsStorage__blobServiceUri', value: blobEndpoint }
  { name: 'AzureWebJobsStorage__queueServiceUri', value: queueEndpoint }
  { name: 'AzureWebJobsStorage__tableServiceUri', value: tableEndpoint }
  { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
  { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
  // Telemetry sent as the identity: the component has local authentication off.
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsights.properties.ConnectionString }
  { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }
  { name: 'LeadCaptureOptions__IdentitySecret', value: keyVaultReference[0] }
  { name: 'SlaCheckSchedule', value: slaCheckSchedule }
  { name: 'FunnelRebuildSchedule', value: funnelRebuildSchedule }
]

var webhookSettings = handoffWebhookEnabled
  ? [
      { name: 'Handoff__WebhookUrl', value: keyVaultReference[1] }
      { name: 'Handoff__WebhookSecret', value: keyVaultReference[2] }
    ]
  : []

var originSettings = [
  for (origin, i) in allowedOrigins: { name: 'LeadCaptureOptions__AllowedOrigins__${i}', value: origin }
]

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: functionAppName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      // Empty on purpose: the app answers CORS per form (the Forms table). A platform list would answer preflights
      // itself and override those rules.
      cors: {
        allowedOrigins: []
        supportCredentials: false
      }
      appSettings: concat(baseSettings, webhookSettings, originSettings)
    }
  }
}

// No FTP publishing: the package goes to the deployment container.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

// Optional Microsoft Entra sign-in (App Service Authentication) in front of the pages people open in a browser. The
// capture routes (public), the landing-page helpers and the machine-to-machine key routes stay reachable without
// sign-in; the function keys still apply to every route that needs one. excludedPaths match exactly, or a prefix when
// they end in '/*'.
var signInExcludedPaths = [
  '/api/leads' // POST capture, OPTIONS preflight, DELETE erasure (master key)
  '/api/leads/*' // /api/leads/export (master key), /api/leads/{lead}/sales-events (function key)
  '/api/forms/*' // form tokens for landing pages
  '/api/snippet.js'
  '/api/demo'
  '/api/thanks'
  '/api/activities' // function key
  '/api/spend' // function key
  '/admin/*' // the host's admin API (master key)
]

resource signIn 'Microsoft.Web/sites/config@2024-04-01' = if (!empty(dashboardSignInClientId)) {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'RedirectToLoginPage'
      redirectToProvider: 'azureactivedirectory'
      excludedPaths: signInExcludedPaths
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: dashboardSignInClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [
            'api://${dashboardSignInClientId}'
            dashboardSignInClientId
          ]
        }
      }
    }
    login: {
      tokenStore: {
        enabled: false
      }
    }
    httpSettings: {
      requireHttps: true
    }
  }
}

@description('Name of the function app.')
output name string = site.name

@description('Resource id of the function app.')
output id string = site.id

@description('Default host name, e.g. NAME.azurewebsites.net.')
output defaultHostName string = site.properties.defaultHostName
