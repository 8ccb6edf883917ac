# Sourced by the bench scripts: the configuration of the DCMTK dcmqrscp they compare the archive with.
#
#   dcmqrscp_config FILE PORT AE_TITLE STORAGE_DIR MAX_PDU
#
# One AE title, read/write for any peer, quota at DCMTK's upper limits (500 studies, 1 GiB per study);
# syntax: /etc/dcmtk/dcmqrscp.cfg and `man dcmqrscp`.
dcmqrscp_config() {
    cat > "$1" <<CFG
# dcmqrscp configuration written by bench/dcmqrscp-config.sh
NetworkTCPPort  = $2
MaxPDUSize      = $5
MaxAssociations = 16

HostTable BEGIN
HostTable END

VendorTable BEGIN
VendorTable END

AETable BEGIN
# AETitle  StorageArea  Access  Quota (maxStudies, maxBytesPerStudy)  Peers
$3         $4           RW      (500, 1024mb)                         ANY
AETable END
CFG
}
