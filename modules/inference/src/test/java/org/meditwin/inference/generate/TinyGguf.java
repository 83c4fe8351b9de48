package org.meditwin.inference.generate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes a tiny but complete llama-architecture GGUF model (1 layer, 8-dim, SentencePiece-style
 * vocabulary with byte fallback, random F32 weights) so tests can run llama.cpp for real. Its
 * output is gibberish by design; it proves loading, prompting and streaming.
 */
final class TinyGguf {
  private static final int ALIGN = 32;
  private static final int EMBD = 8;
  private static final int FF = 16;
  private static final int HEADS = 2;

  private TinyGguf() {}

  private static final class Out {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    Out u32(long v) {
      return raw(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array());
    }

    Out i32(int v) {
      return u32(v);
    }

    Out u64(long v) {
      return raw(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
    }

    Out f32(float v) {
      return raw(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(v).array());
    }

    Out str(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      u64(b.length);
      return raw(b);
    }

    Out raw(byte[] b) {
      bytes.write(b, 0, b.length);
      return this;
    }

    void pad() {
      while (bytes.size() % ALIGN != 0) {
        bytes.write(0);
      }
    }
  }

  // GGUF value types
  private static final int U32 = 4;
  private static final int I32 = 5;
  private static final int F32 = 6;
  private static final int STRING = 8;
  private static final int ARRAY = 9;

  static void write(Path file, long seed) throws IOException {
    List<String> tokens = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
    List<Integer> types = new ArrayList<>(List.of(2, 3, 3));
    for (int b = 0; b < 256; b++) {
      tokens.add(String.format("<0x%02X>", b));
      types.add(6);
    }
    for (String w :
        new String[] {"▁hearing", "▁loss", "▁is", "▁common", "▁the", "▁ear", "▁a", "▁"}) {
      tokens.add(w);
      types.add(1);
    }
    int vocab = tokens.size();

    Out kv = new Out();
    int kvCount = 0;
    kv.str("general.architecture").u32(STRING).str("llama");
    kvCount++;
    kv.str("general.name").u32(STRING).str("meditwin-tiny-test");
    kvCount++;
    Map<String, Long> ints = new LinkedHashMap<>();
    ints.put("llama.context_length", 128L);
    ints.put("llama.embedding_length", (long) EMBD);
    ints.put("llama.block_count", 1L);
    ints.put("llama.feed_forward_length", (long) FF);
    ints.put("llama.attention.head_count", (long) HEADS);
    ints.put("llama.attention.head_count_kv", (long) HEADS);
    ints.put("llama.rope.dimension_count", (long) (EMBD / HEADS));
    ints.put("llama.vocab_size", (long) vocab);
    ints.put("tokenizer.ggml.bos_token_id", 1L);
    ints.put("tokenizer.ggml.eos_token_id", 2L);
    ints.put("tokenizer.ggml.unknown_token_id", 0L);
    for (var e : ints.entrySet()) {
      kv.str(e.getKey()).u32(U32).u32(e.getValue());
      kvCount++;
    }
    kv.str("llama.attention.layer_norm_rms_epsilon").u32(F32).f32(1e-5f);
    kvCount++;
    kv.str("tokenizer.ggml.model").u32(STRING).str("llama");
    kvCount++;
    kv.str("tokenizer.ggml.tokens").u32(ARRAY).u32(STRING).u64(vocab);
    tokens.forEach(kv::str);
    kvCount++;
    kv.str("tokenizer.ggml.scores").u32(ARRAY).u32(F32).u64(vocab);
    for (int i = 0; i < vocab; i++) {
      kv.f32(types.get(i) == 1 ? -1f : 0f);
    }
    kvCount++;
    kv.str("tokenizer.ggml.token_type").u32(ARRAY).u32(I32).u64(vocab);
    types.forEach(kv::i32);
    kvCount++;
    kv.str("tokenizer.chat_template")
        .u32(STRING)
        .str(
            "{% for m in messages %}{{ m['role'] }}: {{ m['content'] }}\n{% endfor %}"
                + "{% if add_generation_prompt %}assistant:{% endif %}");
    kvCount++;

    // name -> dims (ne0 first)
    Map<String, long[]> tensors = new LinkedHashMap<>();
    tensors.put("token_embd.weight", new long[] {EMBD, vocab});
    tensors.put("output_norm.weight", new long[] {EMBD});
    tensors.put("output.weight", new long[] {EMBD, vocab});
    tensors.put("blk.0.attn_norm.weight", new long[] {EMBD});
    tensors.put("blk.0.attn_q.weight", new long[] {EMBD, EMBD});
    tensors.put("blk.0.attn_k.weight", new long[] {EMBD, EMBD});
    tensors.put("blk.0.attn_v.weight", new long[] {EMBD, EMBD});
    tensors.put("blk.0.attn_output.weight", new long[] {EMBD, EMBD});
    tensors.put("blk.0.ffn_norm.weight", new long[] {EMBD});
    tensors.put("blk.0.ffn_gate.weight", new long[] {EMBD, FF});
    tensors.put("blk.0.ffn_down.weight", new long[] {FF, EMBD});
    tensors.put("blk.0.ffn_up.weight", new long[] {EMBD, FF});

    Out info = new Out();
    Out data = new Out();
    Random r = new Random(seed);
    for (var e : tensors.entrySet()) {
      long n = 1;
      for (long d : e.getValue()) {
        n *= d;
      }
      info.str(e.getKey()).u32(e.getValue().length);
      for (long d : e.getValue()) {
        info.u64(d);
      }
      info.u32(0); // F32
      info.u64(data.bytes.size());
      boolean norm = e.getKey().endsWith("norm.weight");
      for (long i = 0; i < n; i++) {
        data.f32(norm ? 1f : (float) (r.nextGaussian() * 0.5));
      }
      data.pad();
    }

    Out file0 = new Out();
    file0.u32(0x46554747).u32(3).u64(tensors.size()).u64(kvCount);
    file0.raw(kv.bytes.toByteArray());
    file0.raw(info.bytes.toByteArray());
    file0.pad();
    file0.raw(data.bytes.toByteArray());
    Files.write(file, file0.bytes.toByteArray());
  }
}
