import { parentPort } from 'node:worker_threads';
import type { AnalysisJob, AnalysisReply } from './backgroundAnalysis';
import { createLanguageService } from '../core/languageService';
import { canonicalUri } from '../disk/uris';
import { validatorsBeside } from '../disk/precompiledValidators';

// The worker thread of `BackgroundAnalysis`: a language service of its own (its own validators, from
// the schemas compiled at build time), used only for what a file's text tells on its own. The index
// and every feature stay on the main thread.
const service = createLanguageService({ canonicalUri, precompiledValidators: validatorsBeside(__dirname) });

parentPort?.on('message', (job: AnalysisJob) => {
  let reply: AnalysisReply;
  try {
    // A JSON string crosses to the main thread faster than a structured clone of the same facts.
    reply = { id: job.id, json: JSON.stringify(service.analyze(job.text, job.fileName, job.uri)) };
  } catch (error) {
    reply = { id: job.id, error: (error as Error).message };
  }
  parentPort!.postMessage(reply);
});
