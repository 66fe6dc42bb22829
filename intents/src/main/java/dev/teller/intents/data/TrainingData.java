package dev.teller.intents.data;

import dev.teller.intents.Language;
import dev.teller.intents.text.LanguageDetector;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Teller's own training examples (the YAML files under {@code intents/data/}), plus any labelled CSV files a
 * bank adds, split by language. English examples train the English models, Chinese ones the Chinese models.
 *
 * @param intents intent examples per language
 * @param sentiment sentiment examples per language
 * @param complaints complaint examples per language
 * @param fingerprint a hash of all of it, which names the cached model trained from it
 */
public record TrainingData(
        Map<Language, List<LabeledText>> intents,
        Map<Language, List<LabeledText>> sentiment,
        Map<Language, List<LabeledText>> complaints,
        String fingerprint) {

    private static final String ROOT = "/dev/teller/intents/data/";

    /** The examples shipped in the jar, plus the bank's own intent CSV files (text, intent). */
    public static TrainingData shipped(List<Path> extraIntentCsv) {
        ObjectMapper yaml = YAMLMapper.builder().build();
        MessageDigest digest = sha256();
        Map<Language, List<LabeledText>> intents = perLanguage();
        for (String file : index("intents")) {
            byte[] bytes = resource("intents/" + file);
            digest.update(bytes);
            JsonNode node = yaml.readTree(bytes);
            String intent = node.path("intent").asString("");
            if (intent.isBlank()) {
                throw new DataFileException("intents/" + file, "has no 'intent'");
            }
            add(node.path("en"), intent, intents.get(Language.EN));
            add(node.path("zh"), intent, intents.get(Language.ZH));
        }
        for (Path csv : extraIntentCsv) {
            for (LabeledText row : Csv.read(csv)) {
                Language lang =
                        LanguageDetector.detect(row.text(), Language.EN) == Language.EN ? Language.EN : Language.ZH;
                intents.get(lang).add(row);
                digest.update((row.text() + "\u0000" + row.label() + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        Map<Language, List<LabeledText>> sentiment = perLanguage();
        Map<Language, List<LabeledText>> complaints = perLanguage();
        for (Language lang : List.of(Language.EN, Language.ZH)) {
            String code = lang.code();
            byte[] s = resource("sentiment/" + code + ".yml");
            digest.update(s);
            JsonNode sn = yaml.readTree(s);
            for (String label : List.of("negative", "neutral", "positive")) {
                add(sn.path(label), label, sentiment.get(lang));
            }
            byte[] c = resource("complaints/" + code + ".yml");
            digest.update(c);
            JsonNode cn = yaml.readTree(c);
            for (String label : List.of("complaint", "not_complaint")) {
                add(cn.path(label), label, complaints.get(lang));
            }
        }
        return new TrainingData(intents, sentiment, complaints, HexFormat.of().formatHex(digest.digest()));
    }

    private static Map<Language, List<LabeledText>> perLanguage() {
        return Map.of(Language.EN, new ArrayList<>(), Language.ZH, new ArrayList<>());
    }

    private static void add(JsonNode list, String label, List<LabeledText> into) {
        for (JsonNode item : list) {
            String text = item.asString("").strip();
            if (!text.isEmpty()) {
                into.add(new LabeledText(text, label));
            }
        }
    }

    /** The intent files in the data folder, whether it is a directory or inside the jar. */
    private static List<String> index(String folder) {
        try {
            java.net.URL url = TrainingData.class.getResource(ROOT + folder);
            if (url == null) {
                throw new DataFileException(folder, "is missing from the classpath");
            }
            java.net.URI uri = url.toURI();
            if (uri.getScheme().equals("jar")) {
                java.nio.file.FileSystem fs;
                boolean opened;
                try {
                    fs = java.nio.file.FileSystems.newFileSystem(uri, Map.of());
                    opened = true;
                } catch (java.nio.file.FileSystemAlreadyExistsException e) {
                    fs = java.nio.file.FileSystems.getFileSystem(uri);
                    opened = false;
                }
                try {
                    return list(fs.provider().getPath(uri));
                } finally {
                    if (opened) {
                        fs.close();
                    }
                }
            }
            return list(Path.of(uri));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> list(Path dir) throws IOException {
        try (var files = java.nio.file.Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".yml") || n.endsWith(".yaml"))
                    .sorted()
                    .toList();
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = TrainingData.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new DataFileException(name, "is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
