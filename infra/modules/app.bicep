// The Optimize Function App and its own resources (resource group scope): identity, monitoring, storage, a Flex
// Consumption plan and the app itself with identity-based connections only.
param location string
param tags object
param resourceToken string

@description('Policy JSON (inline) or a path inside the app package: the OPTIMIZE_POLICY setting.')
param policy string

@description('NCRONTAB of the nightly pass: the OPTIMIZE_NIGHTLY_SCHEDULE setting.')
param nightlySchedule string

@secure()
@description('Incoming-webhook URL for notifications: the OPTIMIZE_NOTIFY_WEBHOOK setting (empty: none).')
param notifyWebhook string

@description('Target subscription ids: the OPTIMIZE_SUBSCRIPTIONS setting (comma-separated).')
param targetSubscriptionIds array

param instanceMemoryMB int
param maximumInstanceCount int
param durableAlwaysReadyInstances int

@description('Deploying developer (data-plane access to the storage account for local runs); empty: none.')
param developerPrincipalId string

@description('Durable Functions task hub name (letters and digits, 3-45): the OPTIMIZE_TASK_HUB setting host.json reads.')
param taskHubName string = 'OptimizeHub'

var deploymentContainerName = 'app-package-${take(resourceToken, 12)}'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: 'id-${resourceToken}'
  location: location
  tags: tags
}

module monitoring 'monitoring.bicep' = {
  name: 'optimize-monitoring'
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
    publisherPrincipalId: identity.properties.principalId
  }
}

module storage 'storage.bicep' = {
  name: 'optimize-storage'
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
    deploymentContainerName: deploymentContainerName
    appPrincipalId: identity.properties.principalId
    developerPrincipalId: developerPrincipalId
  }
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: 'plan-${resourceToken}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' = {
  name: 'func-${resourceToken}'
  location: location
  // azd finds the app to deploy service `optimize` (host: function) by this tag.
  tags: union(tags, { 'azd-service-name': 'optimize' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.outputs.blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
        alwaysReady: durableAlwaysReadyInstances > 0
          ? [
              {
                name: 'durable'
                instanceCount: durableAlwaysReadyInstances
              }
            ]
          : []
      }
      // Flex Consumption lists .NET 8, 9 and 10 for the isolated worker; the runtime is set here, never through
      // FUNCTIONS_WORKER_RUNTIME (a deprecated app setting on Flex).
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  // The whole appsettings set is replaced on every `azd provision`: a setting added by hand (portal, az CLI) is removed
  // by the next provision. So the settings the app reads in Azure are here, fed by template parameters where they are the
  // deployer's choice (OPTIMIZE_RESOURCE_GROUPS has none yet); docs/deploy.md, "Settings the template owns", lists these
  // keys (a test compares them).
  resource appSettings 'config' = {
    name: 'appsettings'
    properties: {
      // Host storage (and the Durable task hub, which uses the AzureWebJobsStorage connection) through the identity.
      AzureWebJobsStorage__accountName: storage.outputs.name
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identity.properties.clientId
      APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.connectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'
      OPTIMIZE_TASK_HUB: taskHubName
      OPTIMIZE_POLICY: policy
      OPTIMIZE_NIGHTLY_SCHEDULE: nightlySchedule
      OPTIMIZE_SUBSCRIPTIONS: join(targetSubscriptionIds, ',')
      OPTIMIZE_JOURNAL_TABLE_ENDPOINT: storage.outputs.tableEndpoint
      OPTIMIZE_NOTIFY_WEBHOOK: notifyWebhook
      // DefaultAzureCredential picks the user-assigned identity by this client id.
      AZURE_CLIENT_ID: identity.properties.clientId
    }
  }

  resource ftpCredentials 'basicPublishingCredentialsPolicies' = {
    name: 'ftp'
    properties: { allow: false }
  }

  resource scmCredentials 'basicPublishingCredentialsPolicies' = {
    name: 'scm'
    properties: { allow: false }
  }
}

output functionAppName string = functionApp.name
output functionAppUri string = 'https://${functionApp.properties.defaultHostName}'
output identityPrincipalId string = identity.properties.principalId
output identityClientId string = identity.properties.clientId
output storageAccountName string = storage.outputs.name
output tableEndpoint string = storage.outputs.tableEndpoint
