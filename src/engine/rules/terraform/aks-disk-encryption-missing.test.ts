import { ruleTable } from '../../testing/rule-table.js';
import { aksDiskEncryptionMissing } from './aks-disk-encryption-missing.js';

ruleTable(aksDiskEncryptionMissing, {
  valid: [
    {
      name: 'disk encryption set',
      yaml: `
        resource "azurerm_kubernetes_cluster" "main" {
          name                   = "main"
          disk_encryption_set_id = azurerm_disk_encryption_set.aks.id
          default_node_pool {
            name    = "system"
            vm_size = "Standard_D4s_v5"
          }
        }
      `,
    },
    {
      name: 'host encryption, azurerm 4 and azurerm 2/3 names',
      yaml: `
        resource "azurerm_kubernetes_cluster" "v4" {
          name = "v4"
          default_node_pool {
            name                    = "system"
            host_encryption_enabled = true
          }
        }

        resource "azurerm_kubernetes_cluster" "v3" {
          name = "v3"
          default_node_pool {
            name                   = "system"
            enable_host_encryption = true
          }
        }
      `,
    },
    {
      name: 'unknown values',
      yaml: `
        resource "azurerm_kubernetes_cluster" "main" {
          name = "main"
          default_node_pool {
            name                    = "system"
            host_encryption_enabled = var.host_encryption
          }
        }

        resource "azurerm_kubernetes_cluster" "other" {
          name = "other"
          dynamic "default_node_pool" {
            for_each = [var.pool]
            content {
              name = default_node_pool.value.name
            }
          }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'neither',
      yaml: `
        resource "azurerm_kubernetes_cluster" "main" {
          name = "main"
          default_node_pool {
            name    = "system"
            vm_size = "Standard_D4s_v5"
          }
        }
      `,
      lines: [1],
      message: 'azurerm_kubernetes_cluster.main has no disk_encryption_set_id',
    },
    {
      name: 'azurerm 2/3 host encryption turned off, null disk encryption set',
      yaml: `
        resource "azurerm_kubernetes_cluster" "main" {
          name                   = "main"
          disk_encryption_set_id = null
          default_node_pool {
            name                   = "system"
            enable_host_encryption = false
          }
        }
      `,
      lines: [1],
      message: 'turns host encryption off',
    },
    {
      name: 'host encryption from a variable default in another file',
      yaml: `
        resource "azurerm_kubernetes_cluster" "main" {
          name = "main"
          default_node_pool {
            name                    = "system"
            host_encryption_enabled = var.host_encryption
          }
        }
      `,
      files: { 'variables.tf': 'variable "host_encryption" {\n  default = false\n}\n' },
      lines: [1],
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
                "default_node_pool": {"name": "system"}
              }
            }
          }
        }
      `,
      lines: [4],
    },
  ],
});
