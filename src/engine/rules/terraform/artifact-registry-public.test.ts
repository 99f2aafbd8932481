import { ruleTable } from '../../testing/rule-table.js';
import { artifactRegistryPublic } from './artifact-registry-public.js';

ruleTable(artifactRegistryPublic, {
  valid: [
    {
      name: 'a service account member',
      yaml: `
        resource "google_artifact_registry_repository_iam_member" "reader" {
          project    = "acme"
          location   = "europe-west1"
          repository = google_artifact_registry_repository.images.name
          role       = "roles/artifactregistry.reader"
          member     = "serviceAccount:nodes@acme.iam.gserviceaccount.com"
        }
      `,
    },
    {
      name: 'a binding of groups',
      yaml: `
        resource "google_artifact_registry_repository_iam_binding" "writers" {
          repository = "images"
          location   = "europe-west1"
          role       = "roles/artifactregistry.writer"
          members    = ["group:release@acme.com", "serviceAccount:ci@acme.iam.gserviceaccount.com"]
        }
      `,
    },
    {
      name: 'unknown members, and another resource type',
      yaml: `
        variable "member" {}
        resource "google_artifact_registry_repository_iam_member" "m" {
          repository = "images"
          role       = "roles/artifactregistry.reader"
          member     = var.member
        }
        resource "google_storage_bucket_iam_member" "public" {
          bucket = "site"
          role   = "roles/storage.objectViewer"
          member = "allUsers"
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'allUsers as a member',
      yaml: `
        resource "google_artifact_registry_repository_iam_member" "public" {
          location   = "europe-west1"
          repository = google_artifact_registry_repository.images.name
          role       = "roles/artifactregistry.reader"
          member     = "allUsers"
        }
      `,
      lines: [5],
      message: 'google_artifact_registry_repository_iam_member.public grants roles/artifactregistry.reader to allUsers',
    },
    {
      name: 'allAuthenticatedUsers in a binding',
      yaml: `
        resource "google_artifact_registry_repository_iam_binding" "readers" {
          repository = "images"
          role       = "roles/artifactregistry.reader"
          members = [
            "group:devs@acme.com",
            "allAuthenticatedUsers",
          ]
        }
      `,
      lines: [6],
    },
    {
      name: 'a member from a variable default in another file',
      yaml: `
        resource "google_artifact_registry_repository_iam_member" "m" {
          repository = "images"
          role       = "roles/artifactregistry.writer"
          member     = var.member
        }
      `,
      files: { 'variables.tf': 'variable "member" {\n  default = "allUsers"\n}\n' },
      lines: [4],
    },
    {
      name: '.tf.json',
      path: 'main.tf.json',
      yaml: `
        {
          "resource": {
            "google_artifact_registry_repository_iam_binding": {
              "b": {
                "repository": "images",
                "role": "roles/artifactregistry.reader",
                "members": ["allUsers"]
              }
            }
          }
        }
      `,
      lines: [7],
    },
  ],
});
