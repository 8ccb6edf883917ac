package org.qrarchive.dicom.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.qrarchive.dicom.data.Attributes;
import org.qrarchive.dicom.data.BulkData;
import org.qrarchive.dicom.data.DicomInputStream;
import org.qrarchive.dicom.data.DicomOutputStream;
import org.qrarchive.dicom.data.EncodingOptions;
import org.qrarchive.dicom.data.FileMetaInformation;
import org.qrarchive.dicom.data.Tag;
import org.qrarchive.dicom.data.TransferSyntax;
import org.qrarchive.dicom.data.Transcoder;
import org.qrarchive.dicom.data.UID;
import org.qrarchive.dicom.data.VR;

/**
 * Codec benchmarks, run by {@code bench/codec.sh} (not a test): header parsing of a 512 KiB CT object,
 * and copying a large multi-frame object from a stream to a file, as received (bit-preserving) and
 * converted (explicit little to big endian), with whatever heap the script gives (-Xmx128m).
 */
public final class CodecBench {
    private CodecBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/bench");
        long largeMiB = args.length > 1 ? Long.parseLong(args[1]) : 1024;
        Files.createDirectories(dir);
        Path ct = dir.resolve("ct512k.dcm");
        writeObject(ct, 512, 512, 1);
        parseHeaders(ct);
        Path large = dir.resolve("large.dcm");
        int frames = (int) (largeMiB * 1024 * 1024 / (512 * 512 * 2));
        writeObject(large, 512, 512, frames);
        copyAsReceived(large, dir.resolve("copy-bitpreserving.dcm"));
        convert(large, dir.resolve("copy-bigendian.dcm"));
        System.out.printf(Locale.ROOT, "max heap %d MiB, used after run %d MiB%n",
                Runtime.getRuntime().maxMemory() >> 20,
                (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
    }

    /** A CT-like object of 16-bit frames; the pixel data is written from a zero-filled scratch file. */
    static void writeObject(Path file, int rows, int columns, int frames) throws IOException {
        long pixelBytes = (long) rows * columns * 2 * frames;
        Path pixels = file.resolveSibling(file.getFileName() + ".pixels");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(pixels), 1 << 16)) {
            byte[] chunk = new byte[1 << 16];
            for (long left = pixelBytes; left > 0; left -= chunk.length) {
                out.write(chunk, 0, (int) Math.min(left, chunk.length));
            }
        }
        Attributes ds = new Attributes(false, 64);
        ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        ds.setString(Tag.SOPClassUID, VR.UI, UID.CTImageStorage);
        ds.setString(Tag.SOPInstanceUID, VR.UI, "1.2.826.0.1.3680043.2.1125.1.1");
        ds.setString(Tag.StudyDate, VR.DA, "20261127");
        ds.setString(Tag.Modality, VR.CS, "CT");
        ds.setString(Tag.PatientName, VR.PN, "Bench^Patient");
        ds.setString(Tag.PatientID, VR.LO, "BENCH-1");
        ds.setString(Tag.StudyInstanceUID, VR.UI, "1.2.826.0.1.3680043.2.1125.1.2");
        ds.setString(Tag.SeriesInstanceUID, VR.UI, "1.2.826.0.1.3680043.2.1125.1.3");
        ds.setString(Tag.NumberOfFrames, VR.IS, Integer.toString(frames));
        addTypicalCtHeader(ds);
        ds.setInt(Tag.SamplesPerPixel, VR.US, 1);
        ds.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        ds.setInt(Tag.Rows, VR.US, rows);
        ds.setInt(Tag.Columns, VR.US, columns);
        ds.setInt(Tag.BitsAllocated, VR.US, 16);
        ds.setInt(Tag.BitsStored, VR.US, 12);
        ds.setInt(Tag.HighBit, VR.US, 11);
        ds.setInt(Tag.PixelRepresentation, VR.US, 0);
        ds.setBulkData(Tag.PixelData, VR.OW, new BulkData(pixels, 0, pixelBytes));
        Transcoder.write(ds, file, TransferSyntax.EXPLICIT_LE, EncodingOptions.DEFAULT,
                FileMetaInformation.create(UID.CTImageStorage, "1.2.826.0.1.3680043.2.1125.1.1",
                        UID.ExplicitVRLittleEndian, "BENCH"));
        Files.delete(pixels);
    }

    /**
     * The rest of a CT header as scanners write it: some 120 elements of the patient, study, series,
     * equipment, image plane and CT image modules, a referenced-image sequence and private elements.
     */
    private static void addTypicalCtHeader(Attributes ds) {
        String[][] text = {
            {"ImageType", "CS", "ORIGINAL\\PRIMARY\\AXIAL"}, {"InstanceCreationDate", "DA", "20261127"},
            {"InstanceCreationTime", "TM", "101010.123"}, {"SeriesDate", "DA", "20261127"},
            {"AcquisitionDate", "DA", "20261127"}, {"ContentDate", "DA", "20261127"},
            {"StudyTime", "TM", "100000"}, {"SeriesTime", "TM", "100500"}, {"AcquisitionTime", "TM", "100501.5"},
            {"ContentTime", "TM", "100502"}, {"AccessionNumber", "SH", "ACC123456"},
            {"Manufacturer", "LO", "ACME Medical"}, {"InstitutionName", "LO", "General Hospital"},
            {"InstitutionAddress", "ST", "1 Hospital Road, Springfield"},
            {"ReferringPhysicianName", "PN", "Welby^Marcus^^Dr."}, {"StationName", "SH", "CT01"},
            {"StudyDescription", "LO", "CT CHEST WITH CONTRAST"}, {"SeriesDescription", "LO", "AXIAL 1.0 B30f"},
            {"InstitutionalDepartmentName", "LO", "Radiology"}, {"PerformingPhysicianName", "PN", "Doe^Jane"},
            {"OperatorsName", "PN", "Tech^Tom"}, {"ManufacturerModelName", "LO", "Scanner 3000"},
            {"PatientBirthDate", "DA", "19500101"}, {"PatientSex", "CS", "F"}, {"PatientAge", "AS", "076Y"},
            {"PatientSize", "DS", "1.65"}, {"PatientWeight", "DS", "62"}, {"BodyPartExamined", "CS", "CHEST"},
            {"ScanOptions", "CS", "HELICAL MODE"}, {"SliceThickness", "DS", "1.0"}, {"KVP", "DS", "120"},
            {"DataCollectionDiameter", "DS", "500"}, {"DeviceSerialNumber", "LO", "SN-42"},
            {"SoftwareVersions", "LO", "VA48A"}, {"ProtocolName", "LO", "Chest Routine"},
            {"ReconstructionDiameter", "DS", "350"}, {"DistanceSourceToDetector", "DS", "1085.6"},
            {"DistanceSourceToPatient", "DS", "595"}, {"GantryDetectorTilt", "DS", "0"},
            {"TableHeight", "DS", "160"}, {"RotationDirection", "CS", "CW"}, {"ExposureTime", "IS", "500"},
            {"XRayTubeCurrent", "IS", "200"}, {"Exposure", "IS", "100"}, {"FilterType", "SH", "FLAT"},
            {"GeneratorPower", "IS", "24"}, {"FocalSpots", "DS", "1.2"}, {"ConvolutionKernel", "SH", "B30f"},
            {"PatientPosition", "CS", "HFS"}, {"StudyID", "SH", "1"}, {"SeriesNumber", "IS", "2"},
            {"AcquisitionNumber", "IS", "1"}, {"InstanceNumber", "IS", "57"},
            {"ImagePositionPatient", "DS", "-175.5\\-175.5\\-120.25"},
            {"ImageOrientationPatient", "DS", "1\\0\\0\\0\\1\\0"},
            {"FrameOfReferenceUID", "UI", "1.2.826.0.1.3680043.2.1125.1.4"},
            {"PositionReferenceIndicator", "LO", ""}, {"SliceLocation", "DS", "-120.25"},
            {"PixelSpacing", "DS", "0.68359375\\0.68359375"}, {"WindowCenter", "DS", "40\\-600"},
            {"WindowWidth", "DS", "400\\1200"}, {"RescaleIntercept", "DS", "-1024"}, {"RescaleSlope", "DS", "1"},
            {"RescaleType", "LO", "HU"}, {"WindowCenterWidthExplanation", "LO", "WINDOW1\\WINDOW2"},
            {"RequestedProcedureDescription", "LO", "CT Chest"}, {"PerformedProcedureStepStartDate", "DA", "20261127"},
            {"PerformedProcedureStepStartTime", "TM", "100000"}, {"PerformedProcedureStepID", "SH", "PPS1"},
            {"PerformedProcedureStepDescription", "LO", "CT Chest"}, {"ContrastBolusAgent", "LO", "Iodine"},
            {"PatientComments", "LT", "No known allergies."}, {"OtherPatientIDs", "LO", "ALT-1\\ALT-2"},
            {"IssuerOfPatientID", "LO", "HOSP"}, {"EthnicGroup", "SH", "W"}, {"Occupation", "SH", "Retired"},
            {"AdditionalPatientHistory", "LT", "Follow-up of nodule."}, {"AdmittingDiagnosesDescription", "LO", "R91"},
        };
        for (String[] t : text) {
            ds.setString(org.qrarchive.dicom.data.ElementDictionary.tagOf(t[0]), VR.valueOf(t[1]), t[2]);
        }
        ds.setInt(Tag.LargestImagePixelValue, VR.US, 4095);
        ds.setInt(Tag.SmallestImagePixelValue, VR.US, 0);
        java.util.List<Attributes> refs = ds.newSequence(Tag.ReferencedImageSequence);
        for (int i = 0; i < 3; i++) {
            Attributes item = new Attributes(false, 4);
            item.setString(Tag.ReferencedSOPClassUID, VR.UI, UID.CTImageStorage);
            item.setString(Tag.ReferencedSOPInstanceUID, VR.UI, "1.2.826.0.1.3680043.2.1125.1.5." + i);
            refs.add(item);
        }
        ds.setString(0x00290010, VR.LO, "ACME CT HEADER");
        ds.setBytes(0x00291010, VR.OB, new byte[2048]);
        ds.setString(0x00291011, VR.LO, "private text");
    }

    /** Parses the header up to the pixel data, as indexing does. */
    static void parseHeaders(Path ct) throws IOException {
        byte[] bytes = Files.readAllBytes(ct);
        int warmup = 20_000;
        int runs = 50_000;
        for (int i = 0; i < warmup; i++) {
            parseHeader(bytes);
        }
        long start = System.nanoTime();
        int elements = 0;
        for (int i = 0; i < runs; i++) {
            elements += parseHeader(bytes);
        }
        double micros = (System.nanoTime() - start) / 1e3 / runs;
        System.out.printf(Locale.ROOT, "header parse of a %d KiB CT object (from memory): %.2f us/object"
                + " (%d elements each)%n", bytes.length >> 10, micros, elements / runs);
    }

    private static int parseHeader(byte[] bytes) throws IOException {
        try (DicomInputStream in = DicomInputStream.open(new java.io.ByteArrayInputStream(bytes))) {
            return in.stopBefore(Tag.PixelData).readDataset().size();
        }
    }

    /** Meta information plus the data set bytes as they came: what bit-preserving storage does. */
    static void copyAsReceived(Path source, Path target) throws IOException, InterruptedException {
        long size = Files.size(source);
        long start = System.nanoTime();
        try (InputStream in = Files.newInputStream(source);
                OutputStream out = Files.newOutputStream(target)) {
            in.transferTo(out);
        }
        report("stream copy as received (bit-preserving)", size, start);
        Files.delete(target);
        start = System.nanoTime();
        new ProcessBuilder("cp", source.toString(), target.toString()).inheritIO().start().waitFor();
        report("cp of the same file", size, start);
        Files.delete(target);
    }

    /** Parses with the pixel data left in the file and writes it in another byte order. */
    static void convert(Path source, Path target) throws IOException {
        long size = Files.size(source);
        long start = System.nanoTime();
        Transcoder.transcode(source, null, target, TransferSyntax.EXPLICIT_BE, EncodingOptions.DEFAULT,
                FileMetaInformation.create(UID.CTImageStorage, "1.2.826.0.1.3680043.2.1125.1.1",
                        UID.ExplicitVRBigEndian, "BENCH"));
        report("convert explicit LE -> explicit BE", size, start);
        Files.delete(target);
    }

    private static void report(String what, long bytes, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf(Locale.ROOT, "%s: %d MiB in %.2f s = %.0f MB/s%n", what, bytes >> 20, seconds,
                bytes / 1e6 / seconds);
    }
}
