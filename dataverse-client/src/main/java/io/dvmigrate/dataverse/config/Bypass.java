package io.dvmigrate.dataverse.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Business logic a write may skip, sent as Dataverse's bypass headers on every write (the application user needs the
 * matching privilege, for example {@code prvBypassCustomPlugins}).
 *
 * @param customPlugins   {@code MSCRM.BypassCustomPluginExecution: true}
 * @param syncLogic       {@code MSCRM.BypassBusinessLogicExecution} includes {@code CustomSync}
 * @param asyncLogic      {@code MSCRM.BypassBusinessLogicExecution} includes {@code CustomAsync}
 * @param flows           {@code MSCRM.SuppressCallbackRegistrationExpanderJob: true} (no Power Automate flows)
 */
public record Bypass(boolean customPlugins, boolean syncLogic, boolean asyncLogic, boolean flows) {

    public static final Bypass NONE = new Bypass(false, false, false, false);

    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        if (customPlugins) {
            headers.put("MSCRM.BypassCustomPluginExecution", "true");
        }
        if (syncLogic || asyncLogic) {
            headers.put("MSCRM.BypassBusinessLogicExecution",
                    syncLogic && asyncLogic ? "CustomSync,CustomAsync" : syncLogic ? "CustomSync" : "CustomAsync");
        }
        if (flows) {
            headers.put("MSCRM.SuppressCallbackRegistrationExpanderJob", "true");
        }
        return headers;
    }
}
