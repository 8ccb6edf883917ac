/*
 * Generates qr-dicom's DICOM dictionary from the tables of the standard, as DCMTK publishes them:
 *
 *   dicom.dic  (Debian package libdcmtk17: /usr/share/libdcmtk17/dicom.dic) - PS3.6 and PS3.7 data elements
 *   dcuid.h    (Debian package libdcmtk-dev: /usr/include/dcmtk/dcmdata/dcuid.h) - PS3.6 Annex A UIDs
 *
 * Writes, below qr-dicom/src/main:
 *   resources/org/qrarchive/dicom/data/elements.tsv   tag, VR, VM, keyword, retired - read at run time
 *   resources/org/qrarchive/dicom/data/uids.tsv       UID, keyword, type, name, retired - read at run time
 *   java/org/qrarchive/dicom/data/Tag.java            a constant per public tag, for code
 *   java/org/qrarchive/dicom/data/UID.java            a constant per UID, for code
 *
 * Run from the repository root (README, "Regenerating the dictionary"):
 *   java qr-dicom/tools/DictionaryGenerator.java /usr/share/libdcmtk17/dicom.dic \
 *        /usr/include/dcmtk/dcmdata/dcuid.h qr-dicom/src/main
 *
 * It is a single-file program (java runs it from source) so that the build never depends on it.
 */

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class DictionaryGenerator {
    /** DCMTK's pseudo VRs for elements whose VR depends on context, mapped to what implicit VR reads them as. */
    private static final Map<String, String> PSEUDO_VR = Map.of(
            "xs", "US", "ox", "OW", "up", "UL", "lt", "OW", "px", "OW", "na", "UN");

    /** PS3.6 keywords for the UIDs whose DCMTK names differ most (the code uses these). */
    private static final Map<String, String> UID_KEYWORDS = Map.of(
            "StandardApplicationContext", "DICOMApplicationContext",
            "LittleEndianImplicitTransferSyntax", "ImplicitVRLittleEndian",
            "LittleEndianExplicitTransferSyntax", "ExplicitVRLittleEndian",
            "BigEndianExplicitTransferSyntax", "ExplicitVRBigEndian",
            "DeflatedExplicitVRLittleEndianTransferSyntax", "DeflatedExplicitVRLittleEndian",
            "VerificationSOPClass", "Verification");

    record Element(String group, String element, String vr, String vm, String keyword, boolean retired) {
        boolean masked() {
            return group.contains("x") || element.contains("x");
        }

        String tag() {
            return group + "," + element;
        }
    }

    record Uid(String uid, String keyword, String type, String name, boolean retired) {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: java DictionaryGenerator.java dicom.dic dcuid.h qr-dicom/src/main");
            System.exit(2);
        }
        List<Element> elements = readElements(Path.of(args[0]));
        List<Uid> uids = readUids(Path.of(args[1]));
        Path main = Path.of(args[2]);
        Path resources = main.resolve("resources/org/qrarchive/dicom/data");
        Path java = main.resolve("java/org/qrarchive/dicom/data");
        Files.createDirectories(resources);
        writeElements(elements, resources.resolve("elements.tsv"));
        writeUids(uids, resources.resolve("uids.tsv"));
        Files.writeString(java.resolve("Tag.java"), tagSource(elements), StandardCharsets.UTF_8);
        Files.writeString(java.resolve("UID.java"), uidSource(uids), StandardCharsets.UTF_8);
        System.out.printf("%d elements, %d UIDs written%n", elements.size(), uids.size());
    }

    // ------------------------------------------------------------------ dicom.dic

    private static final Pattern TAG = Pattern.compile(
            "\\(([0-9A-Fa-f]{4})(?:-([0-9A-Fa-f]{4}))?,([0-9A-Fa-f]{4})(?:-([0-9A-Fa-f]{4}))?\\)");

    static List<Element> readElements(Path dic) throws IOException {
        Map<String, Element> byTag = new TreeMap<>();
        for (String line : Files.readAllLines(dic, StandardCharsets.ISO_8859_1)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            Matcher m = TAG.matcher(f[0]);
            String version = f.length > 4 ? f[4] : "";
            // PRIVATE, ILLEGAL and GENERIC rows describe rules (group lengths, private creators), not
            // elements; ElementDictionary applies those rules in code. Odd/any-group ranges use -o-/-u-.
            if (!m.matches() || !version.startsWith("DICOM")) {
                continue;
            }
            String group = range(m.group(1), m.group(2));
            String element = range(m.group(3), m.group(4));
            String vr = PSEUDO_VR.getOrDefault(f[1], f[1]);
            String name = f[2];
            boolean retired = name.startsWith("RETIRED_") || version.endsWith("retired");
            String keyword = name.replaceFirst("^RETIRED_", "");
            Element e = new Element(group, element, vr, f[3], keyword, retired);
            byTag.put(e.tag(), e);
        }
        return new ArrayList<>(byTag.values());
    }

    /** "6000"-"60FF" becomes "60xx": the digits that vary become x. */
    private static String range(String from, String to) {
        if (to == null) {
            return from.toUpperCase();
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            char a = Character.toUpperCase(from.charAt(i));
            char b = Character.toUpperCase(to.charAt(i));
            sb.append(a == b ? a : 'x');
        }
        return sb.toString();
    }

    private static void writeElements(List<Element> elements, Path out) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("# Generated by qr-dicom/tools/DictionaryGenerator.java from DCMTK's dicom.dic. Do not edit.\n");
        sb.append("# tag\tVR\tVM\tkeyword\tretired   (x in a tag: any hex digit; repeating groups are even only)\n");
        for (Element e : elements) {
            sb.append(e.tag()).append('\t').append(e.vr()).append('\t').append(e.vm()).append('\t')
                    .append(e.keyword()).append('\t').append(e.retired() ? "R" : "").append('\n');
        }
        Files.writeString(out, sb, StandardCharsets.UTF_8);
    }

    private static String tagSource(List<Element> elements) {
        StringBuilder sb = new StringBuilder();
        sb.append("""
                package org.qrarchive.dicom.data;

                /**
                 * A constant for every public data element tag of PS3.6 and PS3.7 (retired ones included).
                 * Generated by qr-dicom/tools/DictionaryGenerator.java from DCMTK's dicom.dic: do not edit.
                 * VR, VM and keyword of any tag, repeating groups included, come from {@link ElementDictionary}.
                 */
                public final class Tag {
                """);
        Map<String, Element> byKeyword = new LinkedHashMap<>();
        for (Element e : elements) {
            if (!e.masked() && !e.keyword().isEmpty()) {
                byKeyword.putIfAbsent(e.keyword(), e);
            }
        }
        for (Element e : byKeyword.values()) {
            sb.append("    /** (").append(e.tag()).append(") ").append(e.vr()).append(' ').append(e.vm())
                    .append(e.retired() ? " (retired)" : "").append(" */\n");
            sb.append("    public static final int ").append(e.keyword()).append(" = 0x").append(e.group())
                    .append(e.element()).append(";\n");
        }
        sb.append("""

                    private Tag() {
                    }

                    public static int group(int tag) {
                        return tag >>> 16;
                    }

                    public static int element(int tag) {
                        return tag & 0xFFFF;
                    }

                    public static boolean isPrivate(int tag) {
                        return (tag & 0x00010000) != 0;
                    }

                    public static String toString(int tag) {
                        return String.format("(%04X,%04X)", group(tag), element(tag));
                    }
                }
                """);
        return sb.toString();
    }

    // ------------------------------------------------------------------ dcuid.h

    private static final Pattern DEFINE = Pattern.compile("#define\\s+UID_(\\w+)\\s+\"([0-9.]+)\"");
    private static final Pattern SECTION = Pattern.compile("^(?://|/\\*+|\\*\\*)\\s*(.*?)\\s*(?:\\*/)?$");

    static List<Uid> readUids(Path header) throws IOException {
        Map<String, Uid> byUid = new LinkedHashMap<>();
        String section = "";
        String doc = "";
        for (String raw : Files.readAllLines(header, StandardCharsets.ISO_8859_1)) {
            String line = raw.trim();
            Matcher d = DEFINE.matcher(line);
            if (d.find()) {
                String dcmtkName = d.group(1);
                boolean retired = dcmtkName.startsWith("RETIRED_") || doc.contains("RETIRED");
                boolean draft = dcmtkName.startsWith("DRAFT_");
                String bare = dcmtkName.replaceFirst("^(RETIRED_|DRAFT_)", "");
                String keyword = (draft ? "Draft" : "") + keyword(bare);
                byUid.putIfAbsent(d.group(2), new Uid(d.group(2), keyword, type(bare, section), doc.isEmpty() ? bare : doc,
                        retired || draft));
                doc = "";
            } else if (line.startsWith("///")) {
                doc = line.substring(3).trim();
            } else if (line.startsWith("/**")) {
                doc = line.substring(3).replace("*/", "").trim();
            } else if (line.startsWith("//") || line.startsWith("**")) {
                // section headings: "// Storage (DICOM)" and "** Defined Transfer Syntax UIDs"
                Matcher s = SECTION.matcher(line);
                if (s.matches() && !s.group(1).isBlank()) {
                    section = s.group(1);
                }
                doc = "";
            }
        }
        return new ArrayList<>(byUid.values());
    }

    private static String keyword(String dcmtkName) {
        String mapped = UID_KEYWORDS.get(dcmtkName);
        if (mapped != null) {
            return mapped;
        }
        Matcher qr = Pattern.compile("^(FIND|MOVE|GET)(\\w+)$").matcher(dcmtkName);
        if (qr.matches()) {
            String op = qr.group(1);
            return qr.group(2) + op.charAt(0) + op.substring(1).toLowerCase();
        }
        return dcmtkName;
    }

    private static String type(String name, String section) {
        if (name.endsWith("TransferSyntax")) {
            return "TransferSyntax";
        }
        if (name.endsWith("ApplicationContext")) {
            return "ApplicationContextName";
        }
        if (name.contains("QueryRetrieveInformationModel")) {
            return "QueryRetrieveSOPClass";
        }
        if (section.endsWith("Storage") || section.startsWith("Storage") || name.endsWith("Storage")) {
            return "StorageSOPClass";
        }
        if (name.contains("SOPClass") || name.endsWith("Storage")) {
            return "SOPClass";
        }
        return "WellKnownUID";
    }

    private static void writeUids(List<Uid> uids, Path out) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("# Generated by qr-dicom/tools/DictionaryGenerator.java from DCMTK's dcuid.h. Do not edit.\n");
        sb.append("# UID\tkeyword\ttype\tname\tretired-or-draft\n");
        for (Uid u : uids) {
            sb.append(u.uid()).append('\t').append(u.keyword()).append('\t').append(u.type()).append('\t')
                    .append(u.name().replace('\t', ' ')).append('\t').append(u.retired() ? "R" : "").append('\n');
        }
        Files.writeString(out, sb, StandardCharsets.UTF_8);
    }

    private static String uidSource(List<Uid> uids) {
        StringBuilder sb = new StringBuilder();
        sb.append("""
                package org.qrarchive.dicom.data;

                /**
                 * A constant for every UID of PS3.6 Annex A that DCMTK's dcuid.h lists (retired and draft ones
                 * included). Generated by qr-dicom/tools/DictionaryGenerator.java: do not edit. Names, types and
                 * lookups by value come from {@link UIDRegistry}.
                 */
                public final class UID {
                """);
        Map<String, Uid> byKeyword = new LinkedHashMap<>();
        for (Uid u : uids) {
            byKeyword.putIfAbsent(u.keyword(), u);
        }
        for (Uid u : byKeyword.values()) {
            sb.append("    /** ").append(u.name().replace("*/", "*&#47;")).append(" */\n");
            sb.append("    public static final String ").append(u.keyword()).append(" = \"").append(u.uid())
                    .append("\";\n");
        }
        sb.append("""

                    private UID() {
                    }
                }
                """);
        return sb.toString();
    }
}
