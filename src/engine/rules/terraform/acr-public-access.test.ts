import { ruleTable } from '../../testing/rule-table.js';
import { acrPublicAccess } from './acr-public-access.js';

ruleTable(acrPublicAccess, {
  valid: [
    {
      name: 'public network access off',
      yaml: `
        resource "azurerm_container_registry" "acr" {
          name                          = "contoso"
          sku                           = "Premium"
          public_network_access_enabled = false
          anonymous_pull_enabled        = false
        }
      `,
    },
    {
      name: 'unknown reference',
      yaml: `
        resource "azurerm_container_registry" "acr" {
          name                          = "contoso"
          sku                           = "Premium"
          public_network_access_enabled = var.public_access
          anonymous_pull_enabled        = var.anonymous
        }
      `,
    },
    {
      name: 'a data source is not configuration',
      yaml: `
        data "azurerm_container_registry" "existing" {
          name                = "contoso"
          resource_group_name = "rg"
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'absent: public by default',
      yaml: `
        resource "azurerm_container_registry" "acr" {
          name = "contoso"
          sku  = "Standard"
        }
      `,
      lines: [1],
      message: 'azurerm_container_registry.acr does not set public_network_access_enabled = false',
    },
    {
      name: 'explicitly public, with anonymous pull',
      yaml: `
        resource "azurerm_container_registry" "acr" {
          name                          = "contoso"
          sku                           = "Standard"
          anonymous_pull_enabled        = true
          public_network_access_enabled = true
        }
      `,
      lines: [4, 5],
    },
    {
      name: 'anonymous pull from a variable default in another file',
      yaml: `
        resource "azurerm_container_registry" "acr" {
          name                          = "contoso"
          sku                           = "Premium"
          public_network_access_enabled = false
          anonymous_pull_enabled        = var.anonymous
        }
      `,
      files: { 'variables.tf': 'variable "anonymous" {\n  default = true\n}\n' },
      lines: [5],
      message: 'anonymous_pull_enabled = true',
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
                "public_network_access_enabled": true
              }
            }
          }
        }
      `,
      lines: [6],
    },
  ],
});
