/**
 * The piscina worker: verifies a batch of tokens with the keys of the task's key-set version.
 * Synchronous per batch except when the key set changed (then its keys are rebuilt first).
 * It never fetches anything.
 */
import { workerData } from 'piscina'
import { type BatchResult, type BatchTask, SEPARATOR, type WorkerSettings } from './protocol.js'
import { installNativeBase64 } from './worker/native-base64.js'
import { TokenVerifier } from './worker/token-verifier.js'

installNativeBase64()

const settings = workerData as WorkerSettings
const verifier = new TokenVerifier(settings)

function run(task: BatchTask): BatchResult {
  const tokens = task.tokens.split(SEPARATOR)
  const results: string[] = new Array(tokens.length)
  const context = verifier.context(task.nowMs)
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!
    // Test hook (see `unsafeExitWorkerOnToken`): ends this thread only, mid-batch.
    if (settings.exitOnToken !== undefined && token === settings.exitOnToken) process.exit(1)
    results[i] = verifier.verify(token, context)
  }
  return `[${results.join(',')}]`
}

/** Entry point called by piscina for each batch. */
export default function verifyBatch(task: BatchTask): BatchResult | Promise<BatchResult> {
  if (verifier.needsKeys(task.keys)) return verifier.useKeys(task.keys).then(() => run(task))
  return run(task)
}
