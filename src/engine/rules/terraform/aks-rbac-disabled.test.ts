import { ruleTable } from '../../testing/rule-table.js';
import { aksRbacDisabled } from './aks-rbac-disabled.js';

ruleTable(aksRbacDisabled, {
  valid: [
    {
      name: 'absent (RBAC is on by default)',
      yaml: `
        resource "azurerm_kubernetes_cluster" "main" {
          name = "main"
        }
      `,
    },
    {
      name: 'explicit true, both provider syntaxes',
      yaml: `
        resource "azurerm_kubernetes_cluster" "v3" {
          name                              = "v3"
          role_based_access_control_enabled = true
        }

        resource "azurerm_kubernetes_cluster" "v2" {
          name = "v2"
          role_based_access_control {
            enabled = true
          }
        }
      `,
    },
    {
      name: 'unknown reference',
      yaml: `
        resource "azurerm_kubernetes_cluster" "main" {
          name                              = "main"
          role_based_access_control_enabled = var.rbac
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'azurerm 3+ attribute false',
      yaml: `
        resource "azurerm_kubernetes_cluster" "main" {
          name                              = "main"
          role_based_access_control_enabled = false
        }
      `,
      lines: [3],
      message: 'azurerm_kubernetes_cluster.main sets role_based_access_control_enabled = false',
    },
    {
      name: 'azurerm 2 block form',
      yaml: `
        resource "azurerm_kubernetes_cluster" "main" {
          name = "main"

          role_based_access_control {
            enabled = false
          }
        }
      `,
      lines: [5],
      message: 'role_based_access_control.enabled = false',
    },
    {
      name: 'from a variable default in another file (no fix: the variable may be shared)',
      yaml: `
        resource "azurerm_kubernetes_cluster" "main" {
          name                              = "main"
          role_based_access_control_enabled = var.rbac
        }
      `,
      files: { 'variables.tf': 'variable "rbac" {\n  default = false\n}\n' },
      lines: [3],
      fixes: false,
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
                "role_based_access_control_enabled": false
              }
            }
          }
        }
      `,
      lines: [6],
    },
  ],
});
