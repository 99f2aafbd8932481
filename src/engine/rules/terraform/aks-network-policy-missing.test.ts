import { ruleTable } from '../../testing/rule-table.js';
import { aksNetworkPolicyMissing } from './aks-network-policy-missing.js';

ruleTable(aksNetworkPolicyMissing, {
  valid: [
    {
      name: 'azure network policy',
      yaml: `
        resource "azurerm_kubernetes_cluster" "main" {
          name = "main"
          network_profile {
            network_plugin = "azure"
            network_policy = "azure"
          }
        }
      `,
    },
    {
      name: 'Cilium data plane',
      yaml: `
        resource "azurerm_kubernetes_cluster" "main" {
          name = "main"
          network_profile {
            network_plugin     = "azure"
            network_data_plane = "cilium"
            network_policy     = "cilium"
          }
        }
      `,
    },
    {
      name: 'unknown values',
      yaml: `
        resource "azurerm_kubernetes_cluster" "main" {
          name = "main"
          network_profile {
            network_plugin = "azure"
            network_policy = var.network_policy
          }
        }

        resource "azurerm_kubernetes_cluster" "other" {
          name = "other"
          dynamic "network_profile" {
            for_each = var.profiles
            content {
              network_plugin = network_profile.value.plugin
            }
          }
        }
      `,
    },
    {
      name: 'a variable whose default is null is set by the caller: unknown',
      yaml: `
        resource "azurerm_kubernetes_cluster" "main" {
          name = "main"
          network_profile {
            network_plugin = "azure"
            network_policy = var.network_policy
          }
        }
      `,
      files: { 'variables.tf': 'variable "network_policy" {\n  type    = string\n  default = null\n}\n' },
    },
  ],
  invalid: [
    {
      name: 'no network_profile',
      yaml: `
        resource "azurerm_kubernetes_cluster" "main" {
          name = "main"
        }
      `,
      lines: [1],
      message: 'azurerm_kubernetes_cluster.main has no network_profile',
    },
    {
      name: 'network_profile without network_policy',
      yaml: `
        resource "azurerm_kubernetes_cluster" "main" {
          name = "main"

          network_profile {
            network_plugin = "kubenet"
          }
        }
      `,
      lines: [4],
    },
    {
      name: 'null from a local in another file leaves network_policy unset',
      yaml: `
        resource "azurerm_kubernetes_cluster" "main" {
          name = "main"
          network_profile {
            network_plugin = "azure"
            network_policy = local.network_policy
          }
        }
      `,
      files: { 'locals.tf': 'locals {\n  network_policy = null\n}\n' },
      lines: [3],
    },
    {
      name: 'tf.json',
      path: 'main.tf.json',
      yaml: `
        {
          "resource": {
            "azurerm_kubernetes_cluster": {
              "main": {
                "name": "main",
                "network_profile": [{"network_plugin": "azure"}]
              }
            }
          }
        }
      `,
      lines: [6],
    },
  ],
});
