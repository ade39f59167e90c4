// Action group whose Azure Function receiver posts alerts (common alert schema) to the AlertWebhook function.
// The trigger URL carries the AlertWebhook function's OWN default key (listFunctionKeys), never a host key: a host key
// opens every function-level endpoint (approve, reject, passes, status), so whoever can read the action group could
// approve changes. The function must exist, so the app must have been deployed once (`azd deploy`) before this module
// runs: main.bicep gates it behind deployAlertActionGroup.
param tags object
param resourceToken string

@description('Name of the Optimize Function App in this resource group.')
param functionAppName string

resource functionApp 'Microsoft.Web/sites@2025-03-01' existing = {
  name: functionAppName
}

// POST .../sites/{app}/functions/AlertWebhook/listkeys (Web Apps - List Function Keys) returns the function's keys by
// name; Microsoft.Web/sites/functions has no Bicep type information here, so the untyped listKeys function reads it.
var alertFunctionKey = listKeys('${functionApp.id}/functions/AlertWebhook', '2025-03-01').default

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: 'ag-optimize-${resourceToken}'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'optimize'
    enabled: true
    azureFunctionReceivers: [
      {
        name: 'optimize-alert-webhook'
        functionAppResourceId: functionApp.id
        functionName: 'AlertWebhook'
        httpTriggerUrl: 'https://${functionApp.properties.defaultHostName}/api/alerts?code=${alertFunctionKey}'
        useCommonAlertSchema: true
      }
    ]
  }
}

output actionGroupId string = actionGroup.id
