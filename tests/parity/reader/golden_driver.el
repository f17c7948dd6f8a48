;;; golden_driver.el --- print every top-level form of files as Emacs 28.2 reads them  -*- lexical-binding: t -*-

;; Usage: emacs --batch -Q -l golden_driver.el OUTDIR FILE...
;; For each FILE, writes OUTDIR/NAME.out: one line "LINE<TAB>FORM" per
;; top-level form (prin1 with the print settings `elconf read' uses), and
;; "ERROR<TAB>LINE:COL<TAB>SYMBOL<TAB>MESSAGE" for the error that stops
;; reading, LINE:COL being point when the reader signalled.  The file is
;; decoded as `load' decodes it, and read from a buffer as `load' reads it.

(setq print-escape-newlines t
      print-escape-control-characters t
      print-quoted t
      print-gensym t
      print-length nil
      print-level nil
      print-circle nil)

(defun golden--skip-between-forms ()
  "Skip what `load' skips before handing over to `read'."
  (let ((go t))
    (while (and go (not (eobp)))
      (let ((c (char-after)))
        (cond ((memq c '(32 9 10 12 13 160)) (forward-char 1))
              ((eq c ?\;) (unless (search-forward "\n" nil t) (goto-char (point-max))))
              (t (setq go nil)))))))

(defun golden--form-start ()
  "Where the next form starts: after what `read' itself skips."
  (save-excursion
    (let ((go t))
      (while (and go (not (eobp)))
        (let ((c (char-after)))
          (cond ((or (<= c 32) (eq c 160)) (forward-char 1))
                ((eq c ?\;) (unless (search-forward "\n" nil t) (goto-char (point-max))))
                ((looking-at "#!") (unless (search-forward "\n" nil t) (goto-char (point-max))))
                (t (setq go nil))))))
    (point)))

(defun golden--where (pos)
  (save-excursion
    (goto-char pos)
    (format "%d:%d" (line-number-at-pos) (1+ (- pos (line-beginning-position))))))

(defun golden--message (err)
  "ERR's message without the file name or line/column Emacs adds."
  (error-message-string
   (cond ((eq (car err) 'end-of-file) '(end-of-file))
         ((eq (car err) 'invalid-read-syntax) (list (car err) (cadr err)))
         (t err))))

(defun golden--file (file)
  (let ((lines nil))
    (with-temp-buffer
      (set-buffer-multibyte t)
      (insert-file-contents file)
      (when (eq (coding-system-type last-coding-system-used) 'raw-text)
        (set-buffer-multibyte nil))
      (goto-char (point-min))
      (let ((load-file-name (expand-file-name file))
            (load-true-file-name (expand-file-name file))
            (done nil))
        (while (not done)
          (golden--skip-between-forms)
          (if (eobp)
              (setq done t)
            (let ((start (golden--form-start)))
              (condition-case err
                  (let* ((form (read (current-buffer)))
                         (text (condition-case perr (prin1-to-string form)
                                 (error (concat "PRINT-ERROR\t" (golden--message perr))))))
                    (push (format "%d\t%s" (line-number-at-pos start) text) lines))
                (error
                 (push (format "ERROR\t%s\t%s\t%s" (golden--where (point)) (car err)
                               (golden--message err))
                       lines)
                 (setq done t))))))))
    (nreverse lines)))

(let ((outdir (pop command-line-args-left)))
  (while command-line-args-left
    (let* ((file (pop command-line-args-left))
           (lines (golden--file file))
           (out (expand-file-name (concat (file-name-nondirectory file) ".out") outdir)))
      (with-temp-buffer
        (set-buffer-multibyte t)
        (dolist (line lines) (insert line "\n"))
        (let ((coding-system-for-write 'utf-8-unix))
          (write-region nil nil out nil 'silent))))))
