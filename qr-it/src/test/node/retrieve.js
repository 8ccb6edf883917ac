// One C-MOVE or C-GET of a study with dcmjs-dimse, a DIMSE implementation that shares no code with DCMTK
// or the archive. Prints one JSON line: the final status and counts, and (C-GET) the instances received,
// written as Part 10 files to the output directory.
//   node retrieve.js move HOST PORT CALLED_AE CALLING_AE STUDY_UID DESTINATION_AE
//   node retrieve.js get  HOST PORT CALLED_AE CALLING_AE STUDY_UID OUTPUT_DIR
const path = require('path');
const dcmjsDimse = require('dcmjs-dimse');

const { Client } = dcmjsDimse;
const { CMoveRequest, CGetRequest } = dcmjsDimse.requests;
const { CStoreResponse } = dcmjsDimse.responses;
const { Status } = dcmjsDimse.constants;

const [mode, host, port, calledAe, callingAe, studyUid, target] = process.argv.slice(2);
const request = mode === 'move'
  ? CMoveRequest.createStudyMoveRequest(target, studyUid)
  : CGetRequest.createStudyGetRequest(studyUid);
const result = { status: null, completed: null, failed: null, warnings: null, received: [] };

request.on('response', (response) => {
  if (response.getStatus() !== Status.Pending) {
    result.status = response.getStatus();
    result.completed = response.getCompleted();
    result.failed = response.getFailures();
    result.warnings = response.getWarnings();
  }
});

const client = new Client();
client.on('cStoreRequest', (storeRequest, callback) => {
  const dataset = storeRequest.getDataset();
  const uid = dataset.getElement('SOPInstanceUID');
  dataset.toFile(path.join(target, uid + '.dcm'));
  result.received.push(uid);
  const response = CStoreResponse.fromRequest(storeRequest);
  response.setStatus(Status.Success);
  callback(response);
});
client.on('networkError', (e) => {
  result.error = String(e);
});
client.on('closed', () => {
  console.log(JSON.stringify(result));
});
client.addRequest(request);
client.send(host, Number(port), callingAe, calledAe);
