// The app's own storage account: Functions host storage, the Flex deployment package container, the Durable task
// hub (queues, tables, blobs) and the Optimize journal (tables, created by the app). No shared keys: identity only.
param location string
param tags object
@minLength(13)
@description('uniqueString() of the environment (13 characters).')
param resourceToken string

@description('Blob container the Flex Consumption deployment package is uploaded to.')
param deploymentContainerName string

@description('Principal id of the app\'s user-assigned identity (granted blob, queue and table data roles).')
param appPrincipalId string

@description('Principal id of the deploying developer; empty: none.')
param developerPrincipalId string = ''

// Built-in roles (ids are fixed across clouds). Blob Data Owner: Functions host storage with an identity needs it
// (host keys, leases, deployment package); Queue and Table Data Contributor: the Durable Functions Azure Storage
// provider (control/work-item queues, History/Instances tables) and the Optimize journal tables.
var dataRoles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
}

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: 'st${resourceToken}'
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }

  resource blobService 'blobServices' = {
    name: 'default'

    resource deploymentContainer 'containers' = {
      name: deploymentContainerName
      properties: { publicAccess: 'None' }
    }
  }

  resource queueService 'queueServices' = {
    name: 'default'
  }

  resource tableService 'tableServices' = {
    name: 'default'
  }
}

resource appDataAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in items(dataRoles): {
    name: guid(storage.id, appPrincipalId, role.value)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
      principalId: appPrincipalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource developerDataAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in items(dataRoles): if (!empty(developerPrincipalId)) {
    name: guid(storage.id, developerPrincipalId, role.value)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
      principalId: developerPrincipalId
      // principalType omitted: the deployer may be a user or (in CI) a service principal.
    }
  }
]

output name string = storage.name
output id string = storage.id
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output queueEndpoint string = storage.properties.primaryEndpoints.queue
output tableEndpoint string = storage.properties.primaryEndpoints.table
