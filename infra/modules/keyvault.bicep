// Key Vault for the app's secrets, read by the function app through Key Vault references as its user-assigned identity
// (Key Vault Secrets User on this vault only). Authorization is Azure RBAC, not access policies. Secret values come in
// as @secure() parameters and are written only when given, so a later deployment never overwrites them (a new
// identity secret would start new lead ids).

@description('Azure region.')
param location string

@description('Key Vault name: 3-24 letters, digits and hyphens, globally unique.')
@minLength(3)
@maxLength(24)
param keyVaultName string

@description('Principal id of the managed identity that reads the secrets.')
param readerPrincipalId string

@description('Name of the lead-identity secret (LeadCaptureOptions__IdentitySecret).')
param identitySecretName string

@description('Value of the lead-identity secret, to create it; empty keeps the one in the vault.')
@secure()
param identitySecretValue string = ''

@description('Secret names of the hand-off webhook URL and HMAC key.')
param webhookUrlSecretName string
param webhookKeySecretName string

@description('Hand-off webhook URL and HMAC key to store; empty keeps what is in the vault.')
@secure()
param webhookUrlValue string = ''
@secure()
param webhookKeyValue string = ''

param tags object = {}

// Built-in role: Key Vault Secrets User (read secret values).
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource identitySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(identitySecretValue)) {
  parent: vault
  name: identitySecretName
  properties: {
    value: identitySecretValue
    contentType: 'LeadIntake lead-identity HMAC key (base64, 32 bytes); changing it starts new lead ids'
  }
}

resource webhookUrlSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(webhookUrlValue)) {
  parent: vault
  name: webhookUrlSecretName
  properties: {
    value: webhookUrlValue
    contentType: 'LeadIntake hand-off webhook URL'
  }
}

resource webhookKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(webhookKeyValue)) {
  parent: vault
  name: webhookKeySecretName
  properties: {
    value: webhookKeyValue
    contentType: 'LeadIntake hand-off webhook HMAC key'
  }
}

resource readerRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, readerPrincipalId, keyVaultSecretsUser)
  scope: vault
  properties: {
    description: 'Key Vault Secrets User for the LeadIntake function app identity (Key Vault references)'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: readerPrincipalId
    principalType: 'ServicePrincipal'
  }
}

@description('Vault URI, e.g. https://NAME.vault.azure.net/.')
output vaultUri string = vault.properties.vaultUri

@description('Name of the vault.')
output name string = vault.name
