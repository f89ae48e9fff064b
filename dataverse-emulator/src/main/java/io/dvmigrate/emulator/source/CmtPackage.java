package io.dvmigrate.emulator.source;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A Configuration Migration Tool package: {@code data_schema.xml} (entities, fields with their CMT types, lookup
 * targets, many-to-many relationships) and {@code data.xml} (records and many-to-many blocks), from a zip or a
 * folder. Field values stay text; {@link CmtSource} types them.
 */
record CmtPackage(List<Entity> entities, Map<String, List<Record>> records, List<Association> associations) {

    record Entity(String name, String displayName, int objectTypeCode, String primaryIdField,
                  String primaryNameField, List<Field> fields, List<Relationship> relationships) {
    }

    /** A field of data_schema.xml; {@code lookupType} lists targets separated by '|'. */
    record Field(String name, String displayName, String type, String lookupType, boolean primaryKey, boolean custom) {
    }

    record Relationship(String name, boolean manyToMany, boolean reflexive, String intersectEntity,
                        String targetEntity, String targetPrimaryKey) {
    }

    record Record(String id, Map<String, Value> fields) {
    }

    /** A field value of data.xml; lookups name their table and the referenced row's primary name. */
    record Value(String value, String lookupEntity, String lookupEntityName) {
    }

    record Association(String entity, String sourceId, String targetEntity, String relationship, List<String> targetIds) {
    }

    static CmtPackage read(Path path) {
        Map<String, byte[]> files = Files.isDirectory(path) ? folder(path) : zip(path);
        byte[] schema = files.get("data_schema.xml");
        byte[] data = files.get("data.xml");
        if (schema == null || data == null) {
            throw new IllegalArgumentException(path + " is not a CMT package: it needs data_schema.xml and data.xml");
        }
        return new CmtPackage(entities(XmlFiles.parse(schema, path + "/data_schema.xml")),
                records(XmlFiles.parse(data, path + "/data.xml")), associations(XmlFiles.parse(data, path + "/data.xml")));
    }

    private static Map<String, byte[]> folder(Path path) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : List.of("data_schema.xml", "data.xml")) {
            Path file = path.resolve(name);
            if (Files.exists(file)) {
                try {
                    files.put(name, Files.readAllBytes(file));
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
                }
            }
        }
        return files;
    }

    private static Map<String, byte[]> zip(Path path) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(path); ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                String name = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
                if (name.equals("data_schema.xml") || name.equals("data.xml")) {
                    files.put(name, zip.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read CMT package " + path + ": " + e.getMessage(), e);
        }
        return files;
    }

    private static List<Entity> entities(Document document) {
        List<Entity> entities = new ArrayList<>();
        for (Element entity : XmlFiles.children(document.getDocumentElement(), "entity")) {
            List<Field> fields = new ArrayList<>();
            Element fieldsElement = XmlFiles.child(entity, "fields");
            if (fieldsElement != null) {
                for (Element field : XmlFiles.children(fieldsElement, "field")) {
                    fields.add(new Field(field.getAttribute("name"), XmlFiles.attribute(field, "displayname"),
                            field.getAttribute("type"), XmlFiles.attribute(field, "lookupType"),
                            "true".equalsIgnoreCase(field.getAttribute("primaryKey")),
                            "true".equalsIgnoreCase(field.getAttribute("customfield"))));
                }
            }
            List<Relationship> relationships = new ArrayList<>();
            Element relationshipsElement = XmlFiles.child(entity, "relationships");
            if (relationshipsElement != null) {
                for (Element relationship : XmlFiles.children(relationshipsElement, "relationship")) {
                    relationships.add(new Relationship(relationship.getAttribute("name"),
                            "true".equalsIgnoreCase(relationship.getAttribute("manyToMany")),
                            "true".equalsIgnoreCase(relationship.getAttribute("isreflexive")),
                            XmlFiles.attribute(relationship, "relatedEntityName"),
                            XmlFiles.attribute(relationship, "m2mTargetEntity"),
                            XmlFiles.attribute(relationship, "m2mTargetEntityPrimaryKey")));
                }
            }
            String etc = entity.getAttribute("etc");
            entities.add(new Entity(entity.getAttribute("name"), XmlFiles.attribute(entity, "displayname"),
                    etc.isBlank() ? 0 : Integer.parseInt(etc.trim()), entity.getAttribute("primaryidfield"),
                    XmlFiles.attribute(entity, "primarynamefield"), fields, relationships));
        }
        return entities;
    }

    private static Map<String, List<Record>> records(Document document) {
        Map<String, List<Record>> records = new LinkedHashMap<>();
        for (Element entity : XmlFiles.children(document.getDocumentElement(), "entity")) {
            List<Record> list = records.computeIfAbsent(entity.getAttribute("name"), k -> new ArrayList<>());
            Element recordsElement = XmlFiles.child(entity, "records");
            if (recordsElement == null) {
                continue;
            }
            for (Element record : XmlFiles.children(recordsElement, "record")) {
                Map<String, Value> fields = new LinkedHashMap<>();
                for (Element field : XmlFiles.children(record, "field")) {
                    fields.put(field.getAttribute("name"), new Value(field.getAttribute("value"),
                            XmlFiles.attribute(field, "lookupentity"), XmlFiles.attribute(field, "lookupentityname")));
                }
                list.add(new Record(record.getAttribute("id"), fields));
            }
        }
        return records;
    }

    private static List<Association> associations(Document document) {
        List<Association> associations = new ArrayList<>();
        for (Element entity : XmlFiles.children(document.getDocumentElement(), "entity")) {
            Element block = XmlFiles.child(entity, "m2mrelationships");
            if (block == null) {
                continue;
            }
            for (Element relationship : XmlFiles.children(block, "m2mrelationship")) {
                List<String> targets = new ArrayList<>();
                Element ids = XmlFiles.child(relationship, "targetids");
                if (ids != null) {
                    for (Element id : XmlFiles.children(ids, "targetid")) {
                        targets.add(id.getTextContent().trim());
                    }
                }
                associations.add(new Association(entity.getAttribute("name"), relationship.getAttribute("sourceid"),
                        relationship.getAttribute("targetentityname"), relationship.getAttribute("m2mrelationshipname"),
                        targets));
            }
        }
        return associations;
    }
}
