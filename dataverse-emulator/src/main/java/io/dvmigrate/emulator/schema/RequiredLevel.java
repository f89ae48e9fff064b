package io.dvmigrate.emulator.schema;

/** AttributeRequiredLevel. The Web API enforces only {@link #SystemRequired}; the others are hints for forms. */
public enum RequiredLevel {
    None, SystemRequired, ApplicationRequired, Recommended;

    public static RequiredLevel parse(String name) {
        for (RequiredLevel level : values()) {
            if (level.name().equalsIgnoreCase(name)) {
                return level;
            }
        }
        throw new IllegalArgumentException("unknown required level '" + name + "'");
    }
}
