import { ruleTable } from '../../testing/rule-table.js';
import { acrAdminUser } from './acr-admin-user.js';

ruleTable(acrAdminUser, {
  valid: [
    {
      name: 'absent (defaults to false)',
      yaml: `
        resource "azurerm_container_registry" "acr" {
          name = "contoso"
          sku  = "Premium"
        }
      `,
    },
    {
      name: 'explicit false',
      yaml: `
        resource "azurerm_container_registry" "acr" {
          name          = "contoso"
          sku           = "Premium"
          admin_enabled = false
        }
      `,
    },
    {
      name: 'unknown reference',
      yaml: `
        resource "azurerm_container_registry" "acr" {
          name          = "contoso"
          sku           = "Premium"
          admin_enabled = var.acr_admin
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'explicit true',
      yaml: `
        resource "azurerm_container_registry" "acr" {
          name          = "contoso"
          sku           = "Premium"
          admin_enabled = true
        }
      `,
      lines: [4],
      message: 'azurerm_container_registry.acr sets admin_enabled = true',
    },
    {
      name: 'from a variable default in another file (no fix: the variable may be shared)',
      yaml: `
        resource "azurerm_container_registry" "acr" {
          name          = "contoso"
          sku           = "Basic"
          admin_enabled = var.acr_admin
        }
      `,
      files: { 'variables.tf': 'variable "acr_admin" {\n  type    = bool\n  default = true\n}\n' },
      lines: [4],
      fixes: false,
    },
    {
      name: 'tf.json',
      path: 'main.tf.json',
      yaml: `
        {
          "resource": {
            "azurerm_container_registry": {
              "acr": {
                "name": "contoso",
                "admin_enabled": true
              }
            }
          }
        }
      `,
      lines: [6],
    },
  ],
});
