// Grants the app's identity what it needs in one target subscription: Monitoring Reader (metrics) and the custom
// Optimize Operator role (inventory and changes).
targetScope = 'subscription'

@description('Principal id of the app\'s user-assigned identity.')
param principalId string

@description('Name (GUID) of the Optimize Operator role definition.')
param operatorRoleDefinitionGuid string

var monitoringReader = '43d0d8ad-25c7-4714-9337-8ba259a9fe05'

resource monitoringReaderAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, principalId, monitoringReader)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringReader)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource operatorAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, principalId, operatorRoleDefinitionGuid)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', operatorRoleDefinitionGuid)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
