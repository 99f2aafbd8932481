data "azurerm_client_config" "current" {}

resource "azurerm_resource_group" "shop" {
  name     = "rg-${local.name}"
  location = var.azure_location
  tags     = local.tags
}

resource "azurerm_disk_encryption_set" "aks" {
  name                = "des-${local.name}"
  resource_group_name = azurerm_resource_group.shop.name
  location            = azurerm_resource_group.shop.location
  key_vault_key_id    = "https://kv-acme-shop.vault.azure.net/keys/aks-disks/0123456789abcdef0123456789abcdef"

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster" "shop" {
  name                = "aks-${local.name}"
  location            = azurerm_resource_group.shop.location
  resource_group_name = azurerm_resource_group.shop.name
  dns_prefix          = local.name
  kubernetes_version  = "1.30"

  role_based_access_control_enabled = true
  local_account_disabled            = true
  disk_encryption_set_id            = azurerm_disk_encryption_set.aks.id

  azure_active_directory_role_based_access_control {
    managed            = true
    azure_rbac_enabled = true
    tenant_id          = data.azurerm_client_config.current.tenant_id
  }

  api_server_access_profile {
    authorized_ip_ranges = var.admin_cidrs
  }

  default_node_pool {
    name                         = "system"
    vm_size                      = "Standard_D4s_v5"
    node_count                   = 3
    enable_host_encryption       = true
    only_critical_addons_enabled = true
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin    = "azure"
    network_policy    = "calico"
    load_balancer_sku = "standard"
  }

  tags = local.tags
}

resource "azurerm_log_analytics_workspace" "shop" {
  name                = "log-${local.name}"
  location            = azurerm_resource_group.shop.location
  resource_group_name = azurerm_resource_group.shop.name
  sku                 = "PerGB2018"
  retention_in_days   = 90
}

resource "azurerm_monitor_diagnostic_setting" "aks" {
  name                       = "aks-diagnostics"
  target_resource_id         = azurerm_kubernetes_cluster.shop.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.shop.id

  enabled_log {
    category = "kube-audit-admin"
  }

  enabled_log {
    category = "kube-apiserver"
  }

  metric {
    category = "AllMetrics"
  }
}

resource "azurerm_container_registry" "shop" {
  name                = "acmeshop${var.environment}"
  resource_group_name = azurerm_resource_group.shop.name
  location            = azurerm_resource_group.shop.location
  sku                 = "Premium"

  admin_enabled                 = false
  anonymous_pull_enabled        = false
  public_network_access_enabled = false
}

# Nodes pull with the kubelet identity instead of the admin user.
resource "azurerm_role_assignment" "aks_acr_pull" {
  scope                = azurerm_container_registry.shop.id
  role_definition_name = "AcrPull"
  principal_id         = azurerm_kubernetes_cluster.shop.kubelet_identity[0].object_id
}
