// LeadIntake on Azure: a Flex Consumption function app on identity-only storage, with Key Vault, Application Insights
// and alerts. Deploy to a resource group with infra/deploy.sh (README "Deploying to Azure"). No account key, connection
// string to storage or secret value appears in this template's settings or outputs.
targetScope = 'resourceGroup'

@description('Azure region of every resource.')
param location string = resourceGroup().location

@description('Base name: resources are named NAME-<kind>-<token>, the token unique to the resource group.')
@minLength(3)
@maxLength(16)
param name string = 'leadintake'

@description('Name of the function app; empty derives one from name (the host name is NAME.azurewebsites.net).')
param functionAppName string = ''

@description('Memory of each Flex Consumption instance, in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Most instances the app scales out to (Flex Consumption allows 40 to 1000).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('NCRONTAB (seconds first) of SlaCheck: every minute, so a breach is seen within a minute of its deadline.')
param slaCheckSchedule string = '0 * * * * *'

@description('NCRONTAB (seconds first) of RebuildFunnel: every 10 minutes, how stale the KPIs may be.')
param funnelRebuildSchedule string = '0 */10 * * * *'

@description('Origins of the built-in default form, e.g. [\'https://www.contoso.com\'] (the Forms table overrides it per form).')
param allowedOrigins string[] = []

@description('Value of the lead-identity secret, only to create it (deploy.sh passes a random one on the first deployment); empty keeps the one in the vault.')
@secure()
param identitySecretValue string = ''

@description('Whether the hand-off webhook is on: its URL and HMAC key are then read from the vault.')
param handoffWebhookEnabled bool = false

@description('Hand-off webhook URL to store in the vault; empty keeps the stored one.')
@secure()
param handoffWebhookUrl string = ''

@description('Hand-off webhook HMAC key (at least 16 characters) to store in the vault; empty keeps the stored one.')
@secure()
param handoffWebhookSecret string = ''

@description('Email address that receives the alerts; empty creates the alerts without a receiver.')
param alertEmail string = ''

@description('SLA breaches in one hour above which the SLA alert fires.')
@minValue(0)
param slaBreachesPerHour int = 5

@description('Share of 5xx answers, in percent over 15 minutes, above which the 5xx alert fires.')
@minValue(1)
@maxValue(100)
param http5xxPercent int = 5

@description('Fewest 5xx answers in 15 minutes before the 5xx alert can fire.')
@minValue(1)
param http5xxMinimumCount int = 5

@description('Client id of a Microsoft Entra app registration; when set, sign-in is required for the dashboard, KPI and CSV routes.')
param dashboardSignInClientId string = ''

param tags object = {
  application: 'LeadIntake'
}

var token = take(uniqueString(resourceGroup().id, name), 8)
var compactName = toLower(replace(name, '-', ''))
var resolvedFunctionAppName = empty(functionAppName) ? '${name}-func-${token}' : functionAppName
var storageAccountName = take('${compactName}${token}', 24)
var keyVaultName = take('${name}-kv-${token}', 24)
var deploymentContainerName = 'app-package'
var identitySecretName = 'lead-identity-secret'
var webhookUrlSecretName = 'handoff-webhook-url'
var webhookKeySecretName = 'handoff-webhook-secret'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${name}-id-${token}'
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    workspaceName: '${name}-log-${token}'
    appInsightsName: '${name}-appi-${token}'
    publisherPrincipalId: identity.properties.principalId
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    storageAccountName: storageAccountName
    deploymentContainerName: deploymentContainerName
    appPrincipalId: identity.properties.principalId
    tags: tags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: location
    keyVaultName: keyVaultName
    readerPrincipalId: identity.properties.principalId
    identitySecretName: identitySecretName
    identitySecretValue: identitySecretValue
    webhookUrlSecretName: webhookUrlSecretName
    webhookKeySecretName: webhookKeySecretName
    webhookUrlValue: handoffWebhookUrl
    webhookKeyValue: handoffWebhookSecret
    tags: tags
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    location: location
    planName: '${name}-plan-${token}'
    functionAppName: resolvedFunctionAppName
    identityId: identity.id
    identityClientId: identity.properties.clientId
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: deploymentContainerName
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    appInsightsName: monitoring.outputs.appInsightsName
    vaultUri: keyVault.outputs.vaultUri
    identitySecretName: identitySecretName
    webhookUrlSecretName: webhookUrlSecretName
    webhookKeySecretName: webhookKeySecretName
    handoffWebhookEnabled: handoffWebhookEnabled
    slaCheckSchedule: slaCheckSchedule
    funnelRebuildSchedule: funnelRebuildSchedule
    allowedOrigins: allowedOrigins
    dashboardSignInClientId: dashboardSignInClientId
    tags: tags
  }
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  params: {
    location: location
    namePrefix: name
    appInsightsId: monitoring.outputs.appInsightsId
    alertEmail: alertEmail
    slaBreachesPerHour: slaBreachesPerHour
    http5xxPercent: http5xxPercent
    http5xxMinimumCount: http5xxMinimumCount
    tags: tags
  }
}

@description('Name of the function app.')
output functionAppName string = functionApp.outputs.name

@description('Base URL of the app, e.g. https://NAME.azurewebsites.net.')
output appUrl string = 'https://${functionApp.outputs.defaultHostName}'

@description('Name of the storage account (open it in Storage Explorer signed in with Microsoft Entra).')
output storageAccountName string = storage.outputs.name

@description('Name of the Key Vault.')
output keyVaultName string = keyVault.outputs.name

@description('Name of the lead-identity secret in the vault.')
output identitySecretName string = identitySecretName

@description('Client id of the app\'s user-assigned identity.')
output identityClientId string = identity.properties.clientId
