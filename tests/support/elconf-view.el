;;; elconf-view.el --- Emacs's side of the JSON view the parity tests compare  -*- lexical-binding: t -*-

;; Loaded by the Emacs drivers of the parity suites (tests/parity/eval/emacs_driver.el,
;; tests/realconfigs/oracle.el): a variable's value as `elconf get --json' prints it,
;; and Debian's ELPA packages activated as package.el would before an init file.

(require 'json)

(defun elconf-view (value)
  "VALUE as the JSON view `elconf get --json' prints."
  (cond ((null value) :null)
        ((eq value t) t)
        ((stringp value) (substring-no-properties value))
        ((integerp value) value)
        ((floatp value) (if (or (isnan value) (= value 1.0e+INF) (= value -1.0e+INF))
                            (list (cons 'float (prin1-to-string value)))
                          value))
        ((symbolp value) (list (cons 'symbol (symbol-name value))))
        ((proper-list-p value) (vconcat (mapcar #'elconf-view value)))
        ((consp value) (list (cons 'cons (vector (elconf-view (car value))
                                                   (elconf-view (cdr value))))))
        ((vectorp value) (list (cons 'vector (vconcat (mapcar #'elconf-view value)))))
        (t (list (cons 'other (prin1-to-string value))))))

(defun elconf-view-entry (name)
  "The JSON entry of the variable NAME: whether it is bound, its printed value, its view."
  (let ((symbol (intern name)))
    (if (boundp symbol)
        (let ((print-escape-newlines t) (print-escape-control-characters t) (print-gensym t)
              (print-length nil) (print-level nil))
          (list (cons 'bound t)
                (cons 'sexp (prin1-to-string (default-value symbol)))
                (cons 'value (elconf-view (default-value symbol)))))
      (list (cons 'bound :json-false)))))

(defun elconf-view-activate-elpa ()
  "Put Debian's ELPA packages on `load-path' with their autoloads, as package.el does."
  (dolist (dir (file-expand-wildcards "/usr/share/emacs/site-lisp/elpa/*"))
    (when (file-directory-p dir)
      (add-to-list 'load-path dir)
      (dolist (autoloads (file-expand-wildcards (expand-file-name "*-autoloads.el" dir)))
        (load autoloads t t)))))

(provide 'elconf-view)
;;; elconf-view.el ends here
