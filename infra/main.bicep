// Optimize: the Function App (Flex Consumption, .NET isolated worker + Durable Functions) and everything it needs.
// Deployed by `azd provision` at subscription scope: it creates the resource group, the app's resources inside it,
// and the least-privilege role assignments in every target subscription the optimizer may read or change.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; names and tags every resource.')
param environmentName string

// Regions that offer Flex Consumption. Source: the @allowed list of Microsoft's own azd template for a .NET Flex
// Consumption app (Azure-Samples/functions-quickstart-dotnet-azd, infra/main.bicep, commit 32107eddbcf8), read on
// 2026-12-03, less the canary region eastus2euap. Not verified against Azure from here (no network): the live list is
// `az functionapp list-flexconsumption-locations`, and .NET 10 per region `az functionapp list-flexconsumption-runtimes
// --location <region> --runtime dotnet-isolated`. Microsoft adds regions over time: add one here after those checks
// (docs/deploy.md, "Regions", keeps the same list; a test compares them).
@minLength(1)
@allowed([
  'australiaeast'
  'centralindia'
  'centralus'
  'eastasia'
  'eastus'
  'eastus2'
  'francecentral'
  'germanywestcentral'
  'northcentralus'
  'northeurope'
  'southcentralus'
  'southeastasia'
  'swedencentral'
  'uksouth'
  'westcentralus'
  'westeurope'
  'westus2'
])
@description('Region for every resource: one that offers Flex Consumption.')
@metadata({ azd: { type: 'location' } })
param location string

@description('Resource group to create; empty: rg-<environmentName>.')
param resourceGroupName string = ''

@description('Comma-separated ids of the subscriptions Optimize manages (inventory, metrics, changes). Empty: the deployment subscription only.')
param targetSubscriptionIds string = ''

@allowed([
  'off'
  'recommend'
  'approve'
  'auto'
])
@description('Default mode of the inline policy: recommend reports only, approve waits for a human, auto applies guarded changes.')
param optimizeMode string = 'recommend'

@description('OPTIMIZE_POLICY: policy JSON (inline) or a path inside the app package; empty: infra/optimize-policy.json, with optimizeMode as its default mode unless the file sets one.')
param optimizePolicy string = ''

@description('NCRONTAB (6 fields, UTC) of the nightly optimization pass.')
param nightlySchedule string = '0 0 2 * * *'

@allowed([
  512
  2048
  4096
])
@description('Flex Consumption instance memory, MB.')
param instanceMemoryMB int = 2048

@minValue(1)
@maxValue(1000)
@description('Flex Consumption maximum instance count (current docs: 1 to 1000; older regions documented 40 as the floor).')
param maximumInstanceCount int = 40

@minValue(0)
@description('Always-ready instances for the durable scale group (docs recommend 1 for Durable on Flex; 0 keeps idle cost at zero).')
param durableAlwaysReadyInstances int = 0

@description('Create the action group whose Azure Function receiver calls the AlertWebhook function. Enable it on a provision AFTER the first `azd deploy` (it reads the AlertWebhook function\'s own key).')
param deployAlertActionGroup bool = false

@secure()
@description('OPTIMIZE_NOTIFY_WEBHOOK: https incoming webhook for notifications; empty: none. A template parameter so that `azd provision` keeps it.')
param notifyWebhook string = ''

@description('Principal id of the person deploying (azd sets AZURE_PRINCIPAL_ID); empty: no developer data-plane access.')
param principalId string = ''

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var targets = empty(trim(targetSubscriptionIds))
  ? [subscription().subscriptionId]
  : map(split(targetSubscriptionIds, ','), id => trim(id))
// The policy kept in the repository (reviewed like code; no quoting through azd), read at build time. union() lets a
// defaultMode in the file win over optimizeMode.
var repositoryPolicy = loadJsonContent('optimize-policy.json')
var policy = empty(optimizePolicy) ? string(union({ defaultMode: optimizeMode }, repositoryPolicy)) : optimizePolicy

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : 'rg-${environmentName}'
  location: location
  tags: tags
}

module app 'modules/app.bicep' = {
  name: 'optimize-app'
  scope: rg
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
    policy: policy
    notifyWebhook: notifyWebhook
    nightlySchedule: nightlySchedule
    targetSubscriptionIds: targets
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    durableAlwaysReadyInstances: durableAlwaysReadyInstances
    developerPrincipalId: principalId
  }
}

// One custom role for all targets: a custom role's name is unique per tenant, so it is defined once (in the first
// target subscription) with every target subscription as an assignable scope.
module operatorRole 'modules/operator-role.bicep' = {
  name: 'optimize-operator-role'
  scope: subscription(targets[0])
  params: {
    roleName: 'Optimize Operator (${environmentName})'
    assignableSubscriptionIds: targets
  }
}

module targetAccess 'modules/target-access.bicep' = [
  for target in targets: {
    name: 'optimize-access-${take(uniqueString(target, environmentName), 8)}'
    scope: subscription(target)
    params: {
      principalId: app.outputs.identityPrincipalId
      operatorRoleDefinitionGuid: operatorRole.outputs.roleDefinitionGuid
    }
  }
]

module alerts 'modules/alert-action-group.bicep' = if (deployAlertActionGroup) {
  name: 'optimize-alert-action-group'
  scope: rg
  params: {
    tags: tags
    resourceToken: resourceToken
    functionAppName: app.outputs.functionAppName
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = app.outputs.functionAppName
output SERVICE_OPTIMIZE_NAME string = app.outputs.functionAppName
output SERVICE_OPTIMIZE_URI string = app.outputs.functionAppUri
output AZURE_STORAGE_ACCOUNT_NAME string = app.outputs.storageAccountName
output OPTIMIZE_JOURNAL_TABLE_ENDPOINT string = app.outputs.tableEndpoint
output AZURE_CLIENT_ID string = app.outputs.identityClientId
output OPTIMIZE_OPERATOR_ROLE_ID string = operatorRole.outputs.roleDefinitionGuid
output OPTIMIZE_ALERT_ACTION_GROUP_ID string = deployAlertActionGroup ? alerts!.outputs.actionGroupId : ''
