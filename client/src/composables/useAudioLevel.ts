import { onScopeDispose, ref, watch, type Ref } from 'vue';

/**
 * The loudness of a stream's audio track, 0 to 100, measured with a Web Audio AnalyserNode
 * on every animation frame. Nothing is played back: the analyser is not connected onwards.
 */
export function useAudioLevel(stream: Ref<MediaStream | null>) {
  const level = ref(0);
  let context: AudioContext | null = null;
  let source: MediaStreamAudioSourceNode | null = null;
  let frame = 0;

  function measure(analyser: AnalyserNode, samples: Float32Array<ArrayBuffer>): void {
    analyser.getFloatTimeDomainData(samples);
    let sumOfSquares = 0;
    for (const sample of samples) sumOfSquares += sample * sample;
    const rms = Math.sqrt(sumOfSquares / samples.length);
    // Speech sits around -40..-10 dBFS; map -60..0 dBFS onto the meter.
    const decibels = 20 * Math.log10(Math.max(rms, 1e-6));
    level.value = Math.round(Math.min(100, Math.max(0, ((decibels + 60) / 60) * 100)));
    frame = requestAnimationFrame(() => measure(analyser, samples));
  }

  function detach(): void {
    cancelAnimationFrame(frame);
    source?.disconnect();
    source = null;
    level.value = 0;
  }

  function attach(current: MediaStream | null): void {
    detach();
    if (!current || current.getAudioTracks().length === 0) return;
    context ??= new AudioContext();
    // Created before any click, the context may start suspended; resuming is allowed while capturing.
    if (context.state === 'suspended') void context.resume();
    source = context.createMediaStreamSource(current);
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    source.connect(analyser);
    measure(analyser, new Float32Array(analyser.fftSize));
  }

  watch(stream, attach, { immediate: true });
  onScopeDispose(() => {
    detach();
    void context?.close();
  });

  return { level };
}
