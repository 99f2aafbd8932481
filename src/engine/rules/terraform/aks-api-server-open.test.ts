import { ruleTable } from '../../testing/rule-table.js';
import { aksApiServerOpen } from './aks-api-server-open.js';

ruleTable(aksApiServerOpen, {
  valid: [
    {
      name: 'private cluster',
      yaml: `
        resource "azurerm_kubernetes_cluster" "main" {
          name                    = "main"
          private_cluster_enabled = true
        }
      `,
    },
    {
      name: 'authorized ranges, current and older syntax, and the pre-2.7 private_link_enabled',
      yaml: `
        resource "azurerm_kubernetes_cluster" "v4" {
          name = "v4"
          api_server_access_profile {
            authorized_ip_ranges = ["203.0.113.0/24"]
          }
        }

        resource "azurerm_kubernetes_cluster" "v2" {
          name                            = "v2"
          api_server_authorized_ip_ranges = ["198.51.100.10/32", "203.0.113.0/24"]
        }

        resource "azurerm_kubernetes_cluster" "v1" {
          name                 = "v1"
          private_link_enabled = true
        }
      `,
    },
    {
      name: 'unknown values',
      yaml: `
        resource "azurerm_kubernetes_cluster" "main" {
          name = "main"
          api_server_access_profile {
            authorized_ip_ranges = var.admin_ranges
          }
        }

        resource "azurerm_kubernetes_cluster" "other" {
          name                    = "other"
          private_cluster_enabled = var.private
        }

        resource "azurerm_kubernetes_cluster" "third" {
          name                            = "third"
          api_server_authorized_ip_ranges = [azurerm_public_ip.office.ip_address]
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'public and unrestricted',
      yaml: `
        resource "azurerm_kubernetes_cluster" "main" {
          name                    = "main"
          private_cluster_enabled = false
        }
      `,
      lines: [1],
      message: 'azurerm_kubernetes_cluster.main is not a private cluster and has no authorized_ip_ranges',
    },
    {
      name: 'empty range list, and a range open to every address (older syntax)',
      yaml: `
        resource "azurerm_kubernetes_cluster" "main" {
          name = "main"
          api_server_access_profile {
            authorized_ip_ranges = []
          }
        }

        resource "azurerm_kubernetes_cluster" "other" {
          name                            = "other"
          api_server_authorized_ip_ranges = ["10.0.0.0/8", "0.0.0.0/0"]
        }
      `,
      lines: [1, 8],
    },
    {
      name: 'private flag from a variable default in another file',
      yaml: `
        resource "azurerm_kubernetes_cluster" "main" {
          name                    = "main"
          private_cluster_enabled = var.private
        }
      `,
      files: { 'variables.tf': 'variable "private" {\n  default = false\n}\n' },
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
            }
          }
        }
      `,
      lines: [4],
    },
  ],
});
