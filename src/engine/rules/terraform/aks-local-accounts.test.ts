import { ruleTable } from '../../testing/rule-table.js';
import { aksLocalAccounts } from './aks-local-accounts.js';

ruleTable(aksLocalAccounts, {
  valid: [
    {
      name: 'local accounts disabled',
      yaml: `
        resource "azurerm_kubernetes_cluster" "main" {
          name                   = "main"
          local_account_disabled = true
          azure_active_directory_role_based_access_control {
            azure_rbac_enabled = true
          }
        }
      `,
    },
    {
      name: 'unknown reference',
      yaml: `
        resource "azurerm_kubernetes_cluster" "main" {
          name                   = "main"
          local_account_disabled = var.disable_local_accounts
        }
      `,
    },
    {
      name: 'a data source is not configuration',
      yaml: `
        data "azurerm_kubernetes_cluster" "existing" {
          name                = "main"
          resource_group_name = "rg"
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'absent: points at the resource',
      yaml: `
        resource "azurerm_kubernetes_cluster" "main" {
          name = "main"
        }
      `,
      lines: [1],
      message: 'azurerm_kubernetes_cluster.main does not set local_account_disabled = true',
    },
    {
      name: 'explicit false: points at the attribute',
      yaml: `
        resource "azurerm_kubernetes_cluster" "main" {
          name                   = "main"
          local_account_disabled = false
        }
      `,
      lines: [3],
      message: 'local_account_disabled = false',
    },
    {
      name: 'from a variable default in another file',
      yaml: `
        resource "azurerm_kubernetes_cluster" "main" {
          name                   = "main"
          local_account_disabled = var.disable_local_accounts
        }
      `,
      files: { 'variables.tf': 'variable "disable_local_accounts" {\n  default = false\n}\n' },
      lines: [3],
      fixes: false,
    },
    {
      name: 'tf.json, null counts as unset',
      fixes: false,
      path: 'main.tf.json',
      yaml: `
        {
          "resource": {
            "azurerm_kubernetes_cluster": {
              "main": {"name": "main", "local_account_disabled": null}
            }
          }
        }
      `,
      lines: [4],
    },
  ],
});
