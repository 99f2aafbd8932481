import { ruleTable } from '../../testing/rule-table.js';
import { gkeNetworkPolicyDisabled } from './gke-network-policy-disabled.js';

ruleTable(gkeNetworkPolicyDisabled, {
  valid: [
    {
      name: 'network_policy enabled (Calico)',
      yaml: `
        resource "google_container_cluster" "main" {
          name = "main"
          network_policy {
            enabled  = true
            provider = "CALICO"
          }
          addons_config {
            network_policy_config {
              disabled = false
            }
          }
        }
      `,
    },
    {
      name: 'Dataplane V2, and an Autopilot cluster',
      yaml: `
        resource "google_container_cluster" "main" {
          name              = "main"
          datapath_provider = "ADVANCED_DATAPATH"
        }

        resource "google_container_cluster" "auto" {
          name             = "auto"
          enable_autopilot = true
        }
      `,
    },
    {
      name: 'unknown values',
      yaml: `
        resource "google_container_cluster" "main" {
          name              = "main"
          datapath_provider = var.datapath
        }

        resource "google_container_cluster" "other" {
          name = "other"
          network_policy {
            enabled = var.network_policy
          }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'neither network_policy nor Dataplane V2',
      yaml: `
        resource "google_container_cluster" "main" {
          name              = "main"
          datapath_provider = "LEGACY_DATAPATH"
        }
      `,
      lines: [1],
      message: 'google_container_cluster.main has neither',
    },
    {
      name: 'network_policy disabled',
      yaml: `
        resource "google_container_cluster" "main" {
          name = "main"

          network_policy {
            enabled = false
          }
        }
      `,
      lines: [4],
    },
    {
      name: 'enabled from a variable default in another file',
      yaml: `
        resource "google_container_cluster" "main" {
          name = "main"
          network_policy {
            enabled = var.network_policy
          }
        }
      `,
      files: { 'variables.tf': 'variable "network_policy" {\n  default = false\n}\n' },
      lines: [3],
    },
    {
      name: 'tf.json',
      path: 'main.tf.json',
      yaml: `
        {
          "resource": {
            "google_container_cluster": {
              "main": {
                "name": "main",
                "network_policy": {"enabled": false}
              }
            }
          }
        }
      `,
      lines: [6],
    },
  ],
});
