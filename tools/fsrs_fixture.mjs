// Writes the ts-fsrs reference fixture that tests/unit/test_fsrs.c replays.
//
// Development time only: the build and the tests never run it and need
// neither node nor the network. To regenerate the committed fixture:
//
//   d=$(mktemp -d) && (cd "$d" && npm install ts-fsrs@5) &&
//   (cd "$d" && node "$OLDPWD/tools/fsrs_fixture.mjs") \
//       > tests/fixtures/fsrs/reference.json
//
// ts-fsrs is loaded from the current directory's node_modules (where the
// npm install put it). The output is deterministic: the same ts-fsrs
// version gives the same file byte for byte.
//
// Each sequence starts from createEmptyCard(at) at its first review and
// applies f.next(card, at, rating) for every review, with the parameters of
// docs/study.md: the default 21 weights, request_retention 0.9,
// maximum_interval 36500, enable_fuzz false, enable_short_term false.
// After every review the fixture records the card as ts-fsrs computed it.
// Times are Unix milliseconds (UTC).

import { createRequire } from 'node:module';

const require = createRequire(process.cwd() + '/');
const tsfsrs = require('ts-fsrs');
const { fsrs, generatorParameters, createEmptyCard, Rating, FSRSVersion } = tsfsrs;

const params = generatorParameters({
	request_retention: 0.9,
	maximum_interval: 36500,
	enable_fuzz: false,
	enable_short_term: false,
});
const f = fsrs(params);

// mulberry32: a small deterministic generator, so the fixture is reproducible.
function mulberry32(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
const rand = mulberry32(20261202);
const between = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));

const MIN = 60 * 1000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

// A gap before the next review: minutes, hours, days, months, or near the due
// date (shortly before, at, after), with milliseconds so that nothing is round.
function gap(card, now, kind) {
	switch (kind) {
	case 0: return between(0, 120) * MIN + between(0, 59999);
	case 1: return between(1, 30) * HOUR + between(0, 3599999);
	case 2: return between(1, 30) * DAY + between(0, DAY - 1);
	case 3: return between(30, 400) * DAY + between(0, DAY - 1);
	case 4: {
		const due = card.due.getTime();
		const d = due - now + between(-2 * DAY, 3 * DAY);
		return Math.max(0, d);
	}
	default: {
		// Across UTC midnight by a few minutes: one calendar day, little time.
		const next = (Math.floor(now / DAY) + 1) * DAY + between(0, 10) * MIN;
		return next - now;
	}
	}
}

function rating(pAgain, mixed) {
	if (mixed) {
		const x = rand();
		if (x < 0.1) return Rating.Hard;
		if (x < 0.2) return Rating.Easy;
	}
	return rand() < pAgain ? Rating.Again : Rating.Good;
}

const sequences = [];
const N = 300;
for (let s = 0; s < N; s++) {
	// Start somewhere in 2024-2027, at any millisecond.
	let now = Date.UTC(2024, 0, 1) + between(0, 3 * 365) * DAY + between(0, DAY - 1);
	let length, pAgain, kinds;
	const mixed = s % 10 === 9; // one in ten also uses Hard and Easy
	if (s % 25 === 0) {
		// Long runs of Good: stability and intervals up to their ceilings.
		length = between(40, 70);
		pAgain = 0;
		kinds = [4];
	} else if (s % 25 === 1) {
		// Long, with lapses, reviewed on time.
		length = between(30, 50);
		pAgain = 0.15;
		kinds = [4];
	} else {
		length = between(1, 25);
		pAgain = [0, 0.1, 0.3, 0.6][s % 4];
		kinds = [0, 1, 2, 3, 4, 4, 5];
	}
	let card = createEmptyCard(new Date(now));
	const reviews = [];
	for (let i = 0; i < length; i++) {
		if (i > 0)
			now += gap(card, now, kinds[between(0, kinds.length - 1)]);
		const g = rating(pAgain, mixed);
		card = f.next(card, new Date(now), g).card;
		reviews.push([now, g, card.state, card.stability, card.difficulty,
			card.due.getTime(), card.scheduled_days, card.reps, card.lapses]);
	}
	sequences.push(reviews);
}

const out = {
	generator: 'tools/fsrs_fixture.mjs',
	ts_fsrs: FSRSVersion,
	parameters: {
		w: Array.from(params.w),
		request_retention: params.request_retention,
		maximum_interval: params.maximum_interval,
		enable_fuzz: params.enable_fuzz,
		enable_short_term: params.enable_short_term,
	},
	columns: ['at_ms', 'rating', 'state', 'stability', 'difficulty', 'due_ms',
		'scheduled_days', 'reps', 'lapses'],
	sequences,
};
let text = '{\n';
const keys = Object.keys(out);
keys.forEach((k, i) => {
	const last = i === keys.length - 1;
	if (k === 'sequences') {
		text += '  "sequences": [\n';
		sequences.forEach((seq, j) => {
			const rows = seq.map((r) => '      ' + JSON.stringify(r));
			const sep = j === sequences.length - 1 ? '' : ',';
			text += '    [\n' + rows.join(',\n') + '\n    ]' + sep + '\n';
		});
		text += '  ]' + (last ? '' : ',') + '\n';
	} else {
		text += '  ' + JSON.stringify(k) + ': ' + JSON.stringify(out[k]) +
			(last ? '' : ',') + '\n';
	}
});
text += '}\n';
process.stdout.write(text);
