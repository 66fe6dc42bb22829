package dev.teller.intents.classify;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import opennlp.tools.ml.AbstractEventTrainer;
import opennlp.tools.ml.TrainerFactory;
import opennlp.tools.ml.maxent.GISTrainer;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.BinaryFileDataReader;
import opennlp.tools.ml.model.Event;
import opennlp.tools.ml.model.GenericModelReader;
import opennlp.tools.ml.model.GenericModelWriter;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.util.ObjectStream;
import opennlp.tools.util.TrainingParameters;

/**
 * Apache OpenNLP's maximum-entropy model (generalized iterative scaling, real-valued features) over a
 * message's word and character n-grams. It reads surface form: exact phrasings, typos and product words that a
 * sentence vector blurs. (OpenNLP's L-BFGS trainer scored the same on BANKING77 and trained five times slower.)
 */
public final class MaxentNgrams implements ProbabilisticClassifier {

    /** Training settings. */
    public record Options(int iterations) {
        public static Options defaults() {
            return new Options(100);
        }
    }

    private final MaxentModel model;
    private final List<String> labels;
    private final int[] outcomeOfLabel;

    private MaxentNgrams(MaxentModel model) {
        this.model = model;
        String[] outcomes = new String[model.getNumOutcomes()];
        for (int i = 0; i < outcomes.length; i++) {
            outcomes[i] = model.getOutcome(i);
        }
        this.labels = java.util.Arrays.stream(outcomes).sorted().toList();
        this.outcomeOfLabel = labels.stream().mapToInt(model::getIndex).toArray();
    }

    public static MaxentNgrams train(List<LabeledSample> data, Options options) {
        TrainingParameters params = new TrainingParameters();
        params.put(TrainingParameters.ALGORITHM_PARAM, GISTrainer.MAXENT_VALUE);
        params.put(TrainingParameters.ITERATIONS_PARAM, options.iterations());
        params.put(TrainingParameters.CUTOFF_PARAM, 0);
        params.put(AbstractEventTrainer.DATA_INDEXER_PARAM, AbstractEventTrainer.DATA_INDEXER_ONE_PASS_REAL_VALUE);
        params.put(TrainingParameters.THREADS_PARAM, 2); // fixed, so that sums add up in the same order everywhere
        params.put("PrintMessages", false);
        try {
            MaxentModel model = TrainerFactory.getEventTrainer(params, null).train(new EventStream(data));
            return new MaxentNgrams(model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    @Override
    public double[] probabilities(Sample sample) {
        var f = sample.features();
        double[] byOutcome = f.size() == 0
                ? model.eval(new String[] {"<empty>"}, new float[] {1f})
                : model.eval(f.names(), f.values());
        double[] p = new double[labels.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = byOutcome[outcomeOfLabel[i]];
        }
        return p;
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new GenericModelWriter((AbstractModel) model, new DataOutputStream(bytes)).persist();
        byte[] b = bytes.toByteArray();
        out.writeInt(b.length);
        out.write(b);
    }

    public static MaxentNgrams read(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        var reader = new GenericModelReader(new BinaryFileDataReader(new ByteArrayInputStream(b)));
        return new MaxentNgrams(reader.getModel());
    }

    /** Feeds the examples to OpenNLP as events; a message without features gets a marker feature. */
    private static final class EventStream implements ObjectStream<Event> {
        private final List<LabeledSample> data;
        private Iterator<LabeledSample> it;

        EventStream(List<LabeledSample> data) {
            this.data = data;
            this.it = data.iterator();
        }

        @Override
        public Event read() {
            if (!it.hasNext()) {
                return null;
            }
            LabeledSample s = it.next();
            var f = s.sample().features();
            if (f.size() == 0) {
                return new Event(s.label(), new String[] {"<empty>"}, new float[] {1f});
            }
            return new Event(s.label(), f.names(), f.values());
        }

        @Override
        public void reset() {
            it = data.iterator();
        }
    }
}
