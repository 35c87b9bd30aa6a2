package dev.thirty.papers.alexnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.autograd.GradMode;
import dev.thirty.nn.Conv2d;
import dev.thirty.nn.Sequential;
import dev.thirty.optim.ParamGroup;
import dev.thirty.optim.Sgd;
import dev.thirty.tensor.Rng;
import dev.thirty.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelsTest {

    @Test
    void imageNetAlexNetHasThePapersParameterCountsWithAndWithoutTheTowers() {
        Sequential two = AlexNet.imageNet(AlexNet.Towers.TWO, Rng.seeded(1));
        assertEquals(60_965_224L, two.parameterCount());
        assertEquals(2, ((Conv2d) two.get("conv2")).groups());
        assertEquals(1, ((Conv2d) two.get("conv3")).groups());
        assertEquals(48, two.get("conv2").namedParameters().get("weight").dim(1));
        Sequential one = AlexNet.imageNet(AlexNet.Towers.ONE, Rng.seeded(1));
        assertEquals(62_378_344L, one.parameterCount());
    }

    @Test
    void imageNetAlexNetMaps224PixelsThroughThePapersShapes() {
        Sequential net = AlexNet.imageNet(AlexNet.Towers.TWO, Rng.seeded(2));
        net.eval();
        Tensor x = Tensor.zeros(1, 3, 224, 224);
        float[] d = x.data();
        var rng = Rng.seeded(3);
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) rng.nextGaussian();
        }
        GradMode.noGrad(() -> {
            assertArrayEquals(new int[] {1, 96, 55, 55}, net.forwardThrough("conv1", x).shape().dims());
            assertArrayEquals(new int[] {1, 96, 27, 27}, net.forwardThrough("pool1", x).shape().dims());
            assertArrayEquals(new int[] {1, 256, 13, 13}, net.forwardThrough("pool2", x).shape().dims());
            assertArrayEquals(new int[] {1, 256, 6, 6}, net.forwardThrough("pool5", x).shape().dims());
            Tensor logits = net.forward(x);
            assertArrayEquals(new int[] {1, 1000}, logits.shape().dims());
            for (float v : logits.data()) {
                assertTrue(Float.isFinite(v));
            }
        });
        // Paper §5: biases 1 in conv2, conv4, conv5, fc6, fc7; 0 in conv1, conv3, fc8; weights N(0, 0.01^2).
        assertEquals(1f, net.get("conv2").namedParameters().get("bias").data()[7]);
        assertEquals(0f, net.get("conv3").namedParameters().get("bias").data()[7]);
        assertEquals(1f, net.get("fc7").namedParameters().get("bias").data()[7]);
        assertEquals(0f, net.get("fc8").namedParameters().get("bias").data()[7]);
        assertEquals(0.01, std(net.get("fc6").namedParameters().get("weight").data()), 1e-4);
    }

    @Test
    void theLayerTableListsOutputShapesAndParameterCounts() {
        String table = AlexNet.imageNet(AlexNet.Towers.TWO, Rng.seeded(4)).table(1, 3, 224, 224);
        assertTrue(table.contains("| conv1 | Conv2d 3->96 11x11/4 pad 0 ceil | 1 x 96 x 55 x 55 | 34,944 |"), table);
        assertTrue(table.contains("| conv2 | Conv2d 96->256 5x5/1 pad 2 groups 2 | 1 x 256 x 27 x 27 | 307,456 |"),
                table);
        assertTrue(table.contains("| total | | | 60,965,224 |"), table);
    }

    @Test
    void cudaConvnetNetsHaveTheLayerFilesSizesAndShapes() {
        Sequential n80 = CudaConvnet.build(CudaConvnet.Net.NET_80SEC, 32, Rng.seeded(5));
        assertEquals(145_578L, n80.parameterCount());
        assertEquals(89_578L, CudaConvnet.build(CudaConvnet.Net.NET_18PCT, 32, Rng.seeded(5)).parameterCount());
        Sequential n19 = CudaConvnet.build(CudaConvnet.Net.NET_19PCT, 32, Rng.seeded(5));
        assertEquals(89_578L, n19.parameterCount());
        assertTrue(CudaConvnet.build(CudaConvnet.Net.NET_18PCT, 32, Rng.seeded(5)).names().contains("rnorm2"));
        assertTrue(!n19.names().contains("rnorm1"));
        // cifar-cropped: 24x24 crops, 24 -> 12 -> 6 -> 3, so fc10 sees 64 * 9.
        Sequential cropped = CudaConvnet.build(CudaConvnet.Net.NET_19PCT, 24, Rng.seeded(5));
        assertEquals(576, cropped.get("fc10").namedParameters().get("weight").dim(1));
        GradMode.noGrad(() -> {
            Tensor x = Tensor.zeros(2, 3, 32, 32);
            assertArrayEquals(new int[] {2, 32, 16, 16}, n80.forwardThrough("pool1", x).shape().dims());
            assertArrayEquals(new int[] {2, 64, 4, 4}, n80.forwardThrough("pool3", x).shape().dims());
            assertArrayEquals(new int[] {2, 10}, n80.forward(x).shape().dims());
        });
        // initW: conv1 1e-4, conv2 0.01, fc64 0.1; biases 0.
        assertEquals(1e-4, std(n80.get("conv1").namedParameters().get("weight").data()), 2e-5);
        assertEquals(0.1, std(n80.get("fc64").namedParameters().get("weight").data()), 5e-3);
        assertEquals(0f, n80.get("fc64").namedParameters().get("bias").data()[3]);
    }

    @Test
    void cudaConvnetParameterGroupsCarryEachLayersDecayAndTwiceTheRateForBiases() {
        Sequential net = CudaConvnet.build(CudaConvnet.Net.NET_18PCT, 32, Rng.seeded(6));
        List<ParamGroup<Sgd.Config>> groups = CudaConvnet.parameterGroups(net,
                CudaConvnet.layerParams(CudaConvnet.Net.NET_18PCT), 0.9);
        assertEquals(8, groups.size());
        assertEquals(0.004, groups.get(0).config().weightDecay());
        assertEquals(1.0, groups.get(0).lrScale());
        assertEquals(0.0, groups.get(1).config().weightDecay());
        assertEquals(2.0, groups.get(1).lrScale());
        assertEquals(1.0, groups.get(6).config().weightDecay());   // fc10, wc = 1 in layer-params-18pct.cfg
        assertEquals(0.9, groups.get(7).config().momentum());
        assertEquals(3.0, CudaConvnet.layerParams(CudaConvnet.Net.NET_19PCT).get(3).wc());
        assertThrows(IllegalArgumentException.class, () -> CudaConvnet.Net.of("17pct"));
    }

    @Test
    void leNet5IsTheReferenceBenchmarksNetwork() {
        Sequential net = LeNet5.build(Rng.seeded(7));
        assertEquals(61_706L, net.parameterCount());
        GradMode.noGrad(() -> assertArrayEquals(new int[] {3, 10},
                net.forward(Tensor.zeros(3, 1, 28, 28)).shape().dims()));
    }

    private static double std(float[] w) {
        double s = 0;
        double s2 = 0;
        for (float v : w) {
            s += v;
            s2 += (double) v * v;
        }
        double m = s / w.length;
        return Math.sqrt(s2 / w.length - m * m);
    }
}
