/** The chime's two notes (Hz) and how long each sounds (s): soft, so it does not startle anyone on the call. */
const NOTES = [660, 880];
const NOTE_SECONDS = 0.18;
const VOLUME = 0.08;

let context: AudioContext | null = null;

/**
 * A short two-note chime that someone is waiting in the lobby. Silent where the page may
 * not play sound yet (no gesture so far); the notice on screen says it anyway.
 */
export function playArrivalChime(): void {
  try {
    context ??= new AudioContext();
    if (context.state === 'suspended') void context.resume();
    const start = context.currentTime;
    NOTES.forEach((frequency, index) => {
      const oscillator = context!.createOscillator();
      const gain = context!.createGain();
      const at = start + index * NOTE_SECONDS;
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0, at);
      gain.gain.linearRampToValueAtTime(VOLUME, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + NOTE_SECONDS);
      oscillator.connect(gain).connect(context!.destination);
      oscillator.start(at);
      oscillator.stop(at + NOTE_SECONDS);
    });
  } catch {
    // No audio here: the notice is enough.
  }
}
