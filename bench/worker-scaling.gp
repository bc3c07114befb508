# gnuplot -e "tsv='bench/results/YYYY-MM/worker-scaling.tsv'; out='docs/worker-scaling.png'" bench/worker-scaling.gp
# Left: throughput (images/s) against -workers; right: peak RSS. One line per CPU count (medians when the
# TSV holds several rounds are not taken here: one round per point). Rows are split by CPU count with awk
# so that each series is one connected line; -workers auto (column 12, flag) is drawn apart, as rings at the
# count it chose.
set terminal pngcairo size 1100,450 font "DejaVu Sans,10"
set output out
set datafile separator "\t"
set key bottom right box opaque
set multiplot layout 1,2 title "optimizr worker scaling (-quality 80 -png lossy -audit off, launcher defaults)"
set xlabel "-workers"
set xtics (1,2,3,4,6,8)
set grid
set ylabel "images / s"
set yrange [0:*]
plot "< awk -F'\\t' 'NR > 1 && $3 == 1 && $12 != \"auto\"' ".tsv using 4:10 with linespoints lw 2 pt 7 title "1 CPU (taskset -c 0)", \
     "< awk -F'\\t' 'NR > 1 && $3 != 1 && $12 != \"auto\"' ".tsv using 4:10 with linespoints lw 2 pt 5 title "all CPUs", \
     "< awk -F'\\t' 'NR > 1 && $12 == \"auto\"' ".tsv using 4:10 with points pt 6 ps 3 lw 2 lc rgb "black" title "-workers auto"
set ylabel "peak RSS (MB)"
plot "< awk -F'\\t' 'NR > 1 && $3 == 1 && $12 != \"auto\"' ".tsv using 4:9 with linespoints lw 2 pt 7 title "1 CPU (taskset -c 0)", \
     "< awk -F'\\t' 'NR > 1 && $3 != 1 && $12 != \"auto\"' ".tsv using 4:9 with linespoints lw 2 pt 5 title "all CPUs", \
     "< awk -F'\\t' 'NR > 1 && $12 == \"auto\"' ".tsv using 4:9 with points pt 6 ps 3 lw 2 lc rgb "black" title "-workers auto"
unset multiplot
