import { ruleTable } from '../../testing/rule-table.js';
import { aksAuditLogDisabled } from './aks-audit-log-disabled.js';

const CLUSTER = `
resource "azurerm_kubernetes_cluster" "main" {
  name = "main"
}
`;

ruleTable(aksAuditLogDisabled, {
  valid: [
    {
      name: 'diagnostic setting with kube-audit-admin',
      yaml: `
        resource "azurerm_kubernetes_cluster" "main" {
          name = "main"
        }

        resource "azurerm_monitor_diagnostic_setting" "aks" {
          name                       = "aks-audit"
          target_resource_id         = azurerm_kubernetes_cluster.main.id
          log_analytics_workspace_id = azurerm_log_analytics_workspace.logs.id
          enabled_log {
            category = "kube-audit-admin"
          }
        }
      `,
    },
    {
      name: 'older log blocks, category groups, an indexed cluster and a local',
      yaml: `
        locals {
          cluster_id = azurerm_kubernetes_cluster.a.id
        }

        resource "azurerm_kubernetes_cluster" "a" {
          name = "a"
        }

        resource "azurerm_kubernetes_cluster" "b" {
          count = 2
          name  = "b-\${count.index}"
        }

        resource "azurerm_monitor_diagnostic_setting" "a" {
          name               = "a"
          target_resource_id = local.cluster_id
          storage_account_id = azurerm_storage_account.logs.id
          log {
            category = "kube-apiserver"
          }
          log {
            category = "kube-audit"
            enabled  = true
          }
        }

        resource "azurerm_monitor_diagnostic_setting" "b" {
          count              = 2
          name               = "b"
          target_resource_id = azurerm_kubernetes_cluster.b[count.index].id
          storage_account_id = azurerm_storage_account.logs.id
          enabled_log {
            category_group = "allLogs"
          }
        }
      `,
    },
    {
      name: 'the setting lives in another file of the module',
      yaml: CLUSTER,
      files: {
        'monitoring.tf': `
          resource "azurerm_monitor_diagnostic_setting" "aks" {
            name               = "aks"
            target_resource_id = azurerm_kubernetes_cluster.main.id
            enabled_log {
              category_group = "audit"
            }
          }
        `,
      },
    },
    {
      name: 'a setting with audit categories whose target cannot be resolved may cover the cluster',
      yaml: `
        resource "azurerm_kubernetes_cluster" "main" {
          name = "main"
        }

        resource "azurerm_monitor_diagnostic_setting" "aks" {
          name               = "aks"
          target_resource_id = var.cluster_id
          enabled_log {
            category = "kube-audit"
          }
        }
      `,
    },
    {
      name: 'categories the scan cannot know (dynamic blocks, for_each)',
      yaml: `
        resource "azurerm_kubernetes_cluster" "main" {
          name = "main"
        }

        resource "azurerm_monitor_diagnostic_setting" "aks" {
          name               = "aks"
          target_resource_id = azurerm_kubernetes_cluster.main.id
          dynamic "enabled_log" {
            for_each = var.categories
            content {
              category = enabled_log.value
            }
          }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'no diagnostic setting',
      yaml: CLUSTER,
      lines: [1],
      message: 'azurerm_kubernetes_cluster.main has no azurerm_monitor_diagnostic_setting',
    },
    {
      name: 'setting without audit categories, and an older log block turned off',
      yaml: `
        resource "azurerm_kubernetes_cluster" "main" {
          name = "main"
        }

        resource "azurerm_monitor_diagnostic_setting" "aks" {
          name               = "aks"
          target_resource_id = azurerm_kubernetes_cluster.main.id
          enabled_log {
            category = "kube-apiserver"
          }
          log {
            category = "kube-audit"
            enabled  = false
          }
        }
      `,
      lines: [1],
    },
    {
      name: 'the audit setting targets another cluster, or another kind of resource',
      yaml: `
        resource "azurerm_kubernetes_cluster" "covered" {
          name = "covered"
        }

        resource "azurerm_kubernetes_cluster" "uncovered" {
          name = "uncovered"
        }

        resource "azurerm_monitor_diagnostic_setting" "covered" {
          name               = "covered"
          target_resource_id = azurerm_kubernetes_cluster.covered.id
          enabled_log {
            category = "kube-audit"
          }
        }

        resource "azurerm_monitor_diagnostic_setting" "vault" {
          name               = "vault"
          target_resource_id = azurerm_key_vault.main.id
          enabled_log {
            category_group = "audit"
          }
        }
      `,
      lines: [5],
      message: 'azurerm_kubernetes_cluster.uncovered',
    },
    {
      name: 'category from a variable default in another file',
      yaml: `
        resource "azurerm_kubernetes_cluster" "main" {
          name = "main"
        }

        resource "azurerm_monitor_diagnostic_setting" "aks" {
          name               = "aks"
          target_resource_id = azurerm_kubernetes_cluster.main.id
          enabled_log {
            category = var.log_category
          }
        }
      `,
      files: { 'variables.tf': 'variable "log_category" {\n  default = "kube-apiserver"\n}\n' },
      lines: [1],
    },
    {
      name: 'tf.json',
      path: 'main.tf.json',
      yaml: `
        {
          "resource": {
            "azurerm_kubernetes_cluster": {
              "main": {"name": "main"}
            },
            "azurerm_monitor_diagnostic_setting": {
              "aks": {
                "name": "aks",
                "target_resource_id": "\${azurerm_kubernetes_cluster.main.id}",
                "enabled_log": [{"category": "cluster-autoscaler"}]
              }
            }
          }
        }
      `,
      lines: [4],
    },
  ],
});
