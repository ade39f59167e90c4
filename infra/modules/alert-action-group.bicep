// Action group whose Azure Function receiver posts alerts (common alert schema) to the AlertWebhook function.
// The trigger URL carries the host's default function key, read with listKeys: the app must exist and have been
// deployed once (`azd deploy`) before this module runs, so main.bicep gates it behind deployAlertActionGroup.
param tags object
param resourceToken string

@description('Name of the Optimize Function App in this resource group.')
param functionAppName string

resource functionApp 'Microsoft.Web/sites@2025-03-01' existing = {
  name: functionAppName
}

// Microsoft.Web/sites/host has no Bicep type information, so the key is read with the untyped listKeys function.
var functionKey = listKeys('${functionApp.id}/host/default', '2025-03-01').functionKeys.default

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
        httpTriggerUrl: 'https://${functionApp.properties.defaultHostName}/api/alerts?code=${functionKey}'
        useCommonAlertSchema: true
      }
    ]
  }
}

output actionGroupId string = actionGroup.id
