// The custom "Optimize Operator" role: exactly the ARM actions the optimizer's adapters call
// (Optimize.Azure.ArmActions.OperatorRole; the infra tests keep the two equal). Metric reads come from the built-in
// Monitoring Reader role instead.
targetScope = 'subscription'

@description('Role name; unique per tenant, so it carries the environment name.')
param roleName string

@description('Subscriptions the role may be assigned in.')
param assignableSubscriptionIds array

var actions = loadJsonContent('../optimize-operator-actions.json')
var roleGuid = guid(tenant().tenantId, roleName)

resource role 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: roleGuid
  properties: {
    roleName: roleName
    description: 'Least privilege for Optimize: read inventory and resize Function Apps, App Service plans, VMs, scale sets and autoscale settings.'
    type: 'CustomRole'
    permissions: [
      {
        actions: actions
        notActions: []
        dataActions: []
        notDataActions: []
      }
    ]
    assignableScopes: [for id in assignableSubscriptionIds: '/subscriptions/${id}']
  }
}

output roleDefinitionGuid string = role.name
