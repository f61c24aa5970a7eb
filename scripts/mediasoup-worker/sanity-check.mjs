// Sanity check of a mediasoup-worker binary.
//
//   node scripts/mediasoup-worker/sanity-check.mjs [path/to/mediasoup-worker]
//
// Without an argument it checks the binary mediasoup itself would use
// (node_modules/mediasoup/worker/out/Release/mediasoup-worker, or
// MEDIASOUP_WORKER_BIN). It checks, all on 127.0.0.1:
//   1. a worker starts and a Router, WebRtcServer and WebRtcTransport can be
//      created;
//   2. a DTLS handshake with the worker completes (ICE binding request, then
//      `openssl s_client` from the same address), negotiating an AES-GCM SRTP
//      profile. A worker built against an OpenSSL with kTLS and without the
//      DtlsTransport BIO callback fix dies here with SIGSEGV;
//   3. RTP goes through two routers (in two workers) joined by SRTP-encrypted
//      pipe transports (SRTP protect/unprotect with AEAD_AES_256_GCM).
// Step 2 is skipped, with a note, when the `openssl` command is missing.
// Prints one line per passed step; exits non-zero on the first failure.

import { execFileSync, spawn } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as dgram from 'node:dgram';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

if (process.argv[2]) {
	process.env.MEDIASOUP_WORKER_BIN = path.resolve(process.argv[2]);
}

// Imported after MEDIASOUP_WORKER_BIN is set: mediasoup reads it on load.
const mediasoup = await import('mediasoup');

const STEP_TIMEOUT_MS = 15000;
const cleanups = [];

function ok(msg) {
	console.log(`ok: ${msg}`);
}

function fail(msg) {
	console.error(`sanity check FAILED: ${msg}`);
	for (const fn of cleanups.reverse()) {
		try {
			fn();
		} catch {}
	}
	process.exit(1);
}

function withTimeout(promise, what) {
	let timer;
	return Promise.race([
		promise,
		new Promise((_, reject) => {
			timer = setTimeout(
				() => reject(new Error(`timed out waiting for ${what}`)),
				STEP_TIMEOUT_MS
			);
		}),
	]).finally(() => clearTimeout(timer));
}

function hasOpenssl() {
	try {
		execFileSync('openssl', ['version'], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

function udpSocket() {
	return new Promise((resolve, reject) => {
		const socket = dgram.createSocket('udp4');
		socket.once('error', reject);
		socket.bind(0, '127.0.0.1', () => resolve(socket));
	});
}

// --- STUN (RFC 5389) binding request, as an ICE controlling agent sends it.

const CRC32_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) {
		c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	}
	return c >>> 0;
});

function crc32(buf) {
	let c = 0xffffffff;
	for (const byte of buf) {
		c = CRC32_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
	}
	return (c ^ 0xffffffff) >>> 0;
}

function stunAttr(type, value) {
	const padded = Buffer.alloc(4 + Math.ceil(value.length / 4) * 4);
	padded.writeUInt16BE(type, 0);
	padded.writeUInt16BE(value.length, 2);
	value.copy(padded, 4);
	return padded;
}

function stunBindingRequest({ username, password }) {
	const header = Buffer.alloc(20);
	header.writeUInt16BE(0x0001, 0); // Binding Request.
	header.writeUInt32BE(0x2112a442, 4); // Magic cookie.
	crypto.randomBytes(12).copy(header, 8);

	const priority = Buffer.alloc(4);
	priority.writeUInt32BE(0x6e7f1eff);
	let body = Buffer.concat([
		stunAttr(0x0006, Buffer.from(username)), // USERNAME
		stunAttr(0x0024, priority), // PRIORITY
		stunAttr(0x802a, crypto.randomBytes(8)), // ICE-CONTROLLING
		stunAttr(0x0025, Buffer.alloc(0)), // USE-CANDIDATE
	]);

	// MESSAGE-INTEGRITY: HMAC-SHA1 with the length field already counting it.
	header.writeUInt16BE(body.length + 24, 2);
	const hmac = crypto
		.createHmac('sha1', password)
		.update(Buffer.concat([header, body]))
		.digest();
	body = Buffer.concat([body, stunAttr(0x0008, hmac)]);

	// FINGERPRINT: CRC32 with the length field already counting it.
	header.writeUInt16BE(body.length + 8, 2);
	const fingerprint = Buffer.alloc(4);
	fingerprint.writeUInt32BE(
		(crc32(Buffer.concat([header, body])) ^ 0x5354554e) >>> 0
	);
	body = Buffer.concat([body, stunAttr(0x8028, fingerprint)]);

	return Buffer.concat([header, body]);
}

// --- 1. Worker, Router, WebRtcServer, WebRtcTransport.

const worker = await withTimeout(
	mediasoup.createWorker({ logLevel: 'warn' }),
	'the worker to start'
).catch(error => fail(`createWorker(): ${error}`));
let workerDied = null;
worker.on('died', error => {
	workerDied = error;
});
cleanups.push(() => worker.close());
ok(`worker started (pid ${worker.pid}, mediasoup ${mediasoup.version})`);

const mediaCodecs = [
	{ kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
	{ kind: 'video', mimeType: 'video/VP8', clockRate: 90000 },
];
const router = await worker.createRouter({ mediaCodecs });
const webRtcServer = await worker.createWebRtcServer({
	listenInfos: [{ protocol: 'udp', ip: '127.0.0.1', port: 0 }],
});
const webRtcTransport = await router.createWebRtcTransport({ webRtcServer });
const candidate = webRtcTransport.iceCandidates[0];
ok(
	`router, WebRtcServer and WebRtcTransport created (ICE candidate ${candidate.ip}:${candidate.port}/${candidate.protocol})`
);

// --- 2. DTLS handshake.

if (!hasOpenssl()) {
	console.log(
		'skipped: DTLS handshake check (no `openssl` command; apt-get install openssl)'
	);
} else {
	const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ms-worker-check-'));
	cleanups.push(() => fs.rmSync(tmpDir, { recursive: true, force: true }));
	const certFile = path.join(tmpDir, 'cert.pem');
	const keyFile = path.join(tmpDir, 'key.pem');
	execFileSync(
		'openssl',
		[
			'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1',
			'-nodes', '-keyout', keyFile, '-out', certFile, '-days', '1',
			'-subj', '/CN=mediasoup-worker-check',
		],
		{ stdio: 'ignore' }
	);
	const fingerprint = new crypto.X509Certificate(fs.readFileSync(certFile))
		.fingerprint256;

	const dtlsConnected = new Promise((resolve, reject) => {
		webRtcTransport.on('dtlsstatechange', state => {
			if (state === 'connected') resolve();
			else if (state === 'failed' || state === 'closed') {
				reject(new Error(`DTLS state became '${state}'`));
			}
		});
		worker.on('died', error =>
			reject(
				new Error(
					`the worker died during the DTLS handshake: ${error}` +
						(/SIGSEGV/.test(String(error))
							? ' (the crash of a worker built against a kTLS-enabled OpenSSL' +
								' without dtls-bio-callback.patch: see scripts/mediasoup-worker/README.md)'
							: '')
				)
			)
		);
	});

	// The remote (s_client) is the DTLS client, so the worker is the server.
	await webRtcTransport.connect({
		dtlsParameters: {
			role: 'client',
			fingerprints: [{ algorithm: 'sha-256', value: fingerprint }],
		},
	});

	// ICE first: the worker only accepts DTLS from an address that passed a
	// STUN connectivity check. Then s_client takes over that address.
	const iceSocket = await udpSocket();
	const localPort = iceSocket.address().port;
	const { usernameFragment, password } = webRtcTransport.iceParameters;
	await withTimeout(
		new Promise(resolve => {
			iceSocket.on('message', msg => {
				if (msg.length >= 2 && msg.readUInt16BE(0) === 0x0101) resolve();
			});
			iceSocket.send(
				stunBindingRequest({ username: `${usernameFragment}:check`, password }),
				candidate.port,
				candidate.ip
			);
		}),
		'the ICE binding response'
	).catch(error => fail(error.message));
	iceSocket.close();

	let sClientOutput = '';
	const sClient = spawn(
		'openssl',
		[
			's_client', '-dtls1_2',
			'-bind', `127.0.0.1:${localPort}`,
			'-connect', `${candidate.ip}:${candidate.port}`,
			'-cert', certFile, '-key', keyFile,
			'-use_srtp', 'SRTP_AEAD_AES_128_GCM',
			'-ign_eof',
		],
		{ stdio: ['pipe', 'pipe', 'pipe'] }
	);
	cleanups.push(() => sClient.kill());
	sClient.stdout.on('data', d => (sClientOutput += d));
	sClient.stderr.on('data', d => (sClientOutput += d));

	await withTimeout(dtlsConnected, 'the DTLS handshake').catch(error =>
		fail(`${error.message}\n--- openssl s_client output ---\n${sClientOutput}`)
	);
	sClient.kill();
	const profile = /SRTP Extension negotiated, profile=(\S+)/.exec(sClientOutput);
	ok(
		`DTLS handshake completed with openssl s_client (SRTP profile ${profile ? profile[1] : 'negotiated'})`
	);
}

// --- 3. RTP through SRTP-encrypted pipe transports between two routers.

// Piping needs the routers in different workers (producer IDs are unique per
// worker).
const worker2 = await mediasoup.createWorker({ logLevel: 'warn' });
worker2.on('died', error => {
	workerDied = error;
});
cleanups.push(() => worker2.close());
const router2 = await worker2.createRouter({ mediaCodecs });
const sendTransport = await router.createPlainTransport({
	listenInfo: { protocol: 'udp', ip: '127.0.0.1' },
	rtcpMux: true,
	comedia: true,
});
const ssrc = 11111111;
const payloadType = 100;
const producer = await sendTransport.produce({
	kind: 'audio',
	rtpParameters: {
		codecs: [
			{ mimeType: 'audio/opus', payloadType, clockRate: 48000, channels: 2 },
		],
		encodings: [{ ssrc }],
	},
});
await router.pipeToRouter({
	producerId: producer.id,
	router: router2,
	enableSrtp: true,
});

const receiver = await udpSocket();
cleanups.push(() => receiver.close());
const recvTransport = await router2.createPlainTransport({
	listenInfo: { protocol: 'udp', ip: '127.0.0.1' },
	rtcpMux: true,
	comedia: false,
});
await recvTransport.connect({ ip: '127.0.0.1', port: receiver.address().port });
await recvTransport.consume({
	producerId: producer.id,
	rtpCapabilities: router2.rtpCapabilities,
});

const sender = await udpSocket();
cleanups.push(() => sender.close());
const packetCount = 50;
let received = 0;
const allReceived = new Promise(resolve => {
	receiver.on('message', msg => {
		// Count RTP (not RTCP) packets: version 2, payload type < 64 or >= 96.
		if (msg.length >= 12 && msg[0] >> 6 === 2 && (msg[1] & 0x7f) >= 96) {
			if (++received >= packetCount) resolve();
		}
	});
});
const payload = crypto.randomBytes(100);
for (let seq = 0; seq < packetCount; seq++) {
	const rtp = Buffer.alloc(12);
	rtp[0] = 0x80;
	rtp[1] = payloadType;
	rtp.writeUInt16BE(seq, 2);
	rtp.writeUInt32BE(seq * 960, 4);
	rtp.writeUInt32BE(ssrc, 8);
	sender.send(
		Buffer.concat([rtp, payload]),
		sendTransport.tuple.localPort,
		'127.0.0.1'
	);
	await new Promise(resolve => setTimeout(resolve, 5));
}
await withTimeout(allReceived, 'RTP through the SRTP pipe').catch(error =>
	fail(`${error.message} (got ${received}/${packetCount} packets)`)
);
ok(
	`RTP through SRTP (AEAD_AES_256_GCM) pipe transports: ${received}/${packetCount} packets`
);

if (workerDied) fail(`the worker died: ${workerDied}`);
for (const fn of cleanups.reverse()) fn();
cleanups.length = 0;
ok('workers closed');
