package io.dvmigrate.emulator.api;

import io.dvmigrate.emulator.schema.AlternateKey;
import io.dvmigrate.emulator.schema.AttributeType;
import io.dvmigrate.emulator.schema.Column;
import io.dvmigrate.emulator.schema.Navigation;
import io.dvmigrate.emulator.schema.Schema;
import io.dvmigrate.emulator.schema.Table;

/**
 * Writes the {@code $metadata} CSDL of a schema the way Dataverse does: one EntityType per table (key, properties
 * with lookups as {@code _x_value}, navigation properties with their exact names, partners and referential
 * constraints, the alternate-key annotation) and an EntitySet for each in the {@code System} container.
 */
final class CsdlWriter {
    private final Schema schema;
    private final StringBuilder xml = new StringBuilder(64 * 1024);

    CsdlWriter(Schema schema) {
        this.schema = schema;
    }

    String write() {
        xml.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
                .append("<edmx:Edmx xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\" Version=\"4.0\">\n");
        reference("http://vocabularies.odata.org/OData.Community.Keys.V1.xml", "OData.Community.Keys.V1", "Keys");
        reference("http://vocabularies.odata.org/OData.Community.Display.V1.xml", "OData.Community.Display.V1", "Display");
        xml.append("  <edmx:DataServices>\n")
                .append("    <Schema xmlns=\"http://docs.oasis-open.org/odata/ns/edm\" Namespace=\"Microsoft.Dynamics.CRM\" Alias=\"mscrm\">\n")
                .append("      <EntityType Name=\"crmbaseentity\" Abstract=\"true\"/>\n")
                .append("      <EntityType Name=\"principal\" BaseType=\"mscrm.crmbaseentity\" Abstract=\"true\">\n")
                .append("        <Key>\n          <PropertyRef Name=\"ownerid\"/>\n        </Key>\n")
                .append("        <Property Name=\"ownerid\" Type=\"Edm.Guid\"/>\n      </EntityType>\n");
        for (Table table : schema.tables()) {
            entityType(table);
        }
        xml.append("      <EntityContainer Name=\"System\">\n");
        for (Table table : schema.tables()) {
            xml.append("        <EntitySet Name=\"").append(escape(table.entitySetName()))
                    .append("\" EntityType=\"Microsoft.Dynamics.CRM.").append(escape(table.logicalName())).append("\"/>\n");
        }
        xml.append("      </EntityContainer>\n    </Schema>\n  </edmx:DataServices>\n</edmx:Edmx>\n");
        return xml.toString();
    }

    private void reference(String uri, String namespace, String alias) {
        xml.append("  <edmx:Reference Uri=\"").append(uri).append("\">\n")
                .append("    <edmx:Include Namespace=\"").append(namespace).append("\" Alias=\"").append(alias).append("\"/>\n")
                .append("    <edmx:IncludeAnnotations TermNamespace=\"").append(namespace).append("\"/>\n")
                .append("  </edmx:Reference>\n");
    }

    private void entityType(Table table) {
        xml.append("      <EntityType Name=\"").append(escape(table.logicalName())).append("\" BaseType=\"mscrm.crmbaseentity\">\n")
                .append("        <Key>\n          <PropertyRef Name=\"").append(escape(table.primaryIdAttribute()))
                .append("\"/>\n        </Key>\n");
        for (Column column : table.columns()) {
            xml.append("        <Property Name=\"").append(escape(column.propertyName())).append("\" Type=\"")
                    .append(edmType(column)).append('"');
            if (column.type().isText()) {
                xml.append(" Unicode=\"false\"");
            }
            if (column.type() == AttributeType.Decimal || column.type() == AttributeType.Money) {
                xml.append(" Scale=\"Variable\"");
            }
            xml.append("/>\n");
        }
        for (Navigation navigation : schema.navigations(table)) {
            navigationProperty(navigation);
        }
        if (!table.keys().isEmpty()) {
            alternateKeys(table);
        }
        xml.append("      </EntityType>\n");
    }

    private static String edmType(Column column) {
        return column.type() == AttributeType.DateTime && column.isDateOnly() ? "Edm.Date" : column.type().edmType();
    }

    private void navigationProperty(Navigation navigation) {
        switch (navigation) {
            case Navigation.Single single -> {
                String type = single.targets().size() > 1 ? "principal" : single.targets().get(0);
                String referenced = single.targets().size() > 1 ? "ownerid"
                        : schema.table(type).map(Table::primaryIdAttribute).orElse(type + "id");
                xml.append("        <NavigationProperty Name=\"").append(escape(single.name())).append("\" Type=\"mscrm.")
                        .append(escape(type)).append("\" Nullable=\"false\" Partner=\"")
                        .append(escape(single.relationship().referencedNavigation())).append("\">\n")
                        .append("          <ReferentialConstraint Property=\"").append(escape(single.column().propertyName()))
                        .append("\" ReferencedProperty=\"").append(escape(referenced)).append("\"/>\n")
                        .append("        </NavigationProperty>\n");
            }
            case Navigation.Children children -> xml.append("        <NavigationProperty Name=\"")
                    .append(escape(children.name())).append("\" Type=\"Collection(mscrm.")
                    .append(escape(children.relationship().referencingEntity())).append(")\" Partner=\"")
                    .append(escape(children.relationship().referencingNavigation())).append("\"/>\n");
            case Navigation.Related related -> xml.append("        <NavigationProperty Name=\"")
                    .append(escape(related.name())).append("\" Type=\"Collection(mscrm.")
                    .append(escape(related.otherEntity())).append(")\" Partner=\"").append(escape(related.name()))
                    .append("\"/>\n");
        }
    }

    private void alternateKeys(Table table) {
        xml.append("        <Annotation Term=\"OData.Community.Keys.V1.AlternateKeys\">\n          <Collection>\n");
        for (AlternateKey key : table.keys()) {
            xml.append("            <Record Type=\"OData.Community.Keys.V1.AlternateKey\">\n")
                    .append("              <PropertyValue Property=\"Key\">\n                <Collection>\n");
            for (String name : key.columns()) {
                String property = table.column(name).map(Column::propertyName).orElse(name);
                xml.append("                  <Record Type=\"OData.Community.Keys.V1.PropertyRef\">\n")
                        .append("                    <PropertyValue Property=\"Alias\" String=\"").append(escape(property)).append("\"/>\n")
                        .append("                    <PropertyValue Property=\"Name\" PropertyPath=\"").append(escape(property)).append("\"/>\n")
                        .append("                  </Record>\n");
            }
            xml.append("                </Collection>\n              </PropertyValue>\n            </Record>\n");
        }
        xml.append("          </Collection>\n        </Annotation>\n");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
