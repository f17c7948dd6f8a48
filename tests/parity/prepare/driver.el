;;; driver.el --- run the preparation corpus through smtpmail-send-it in queue mode  -*- lexical-binding: t -*-
;; Usage: emacs --batch -Q -l driver.el CASES-FILE
;; CASES-FILE holds one list ((ID DIR ((VAR . VALUE) ...)) ...); VALUEs are
;; data, not code.  For each case the message DIR/message.eml is read as a
;; file, the variables are bound, and smtpmail-send-it queues it under
;; DIR/queue/.  DIR/result.eld receives (ENVELOPE ERROR-MESSAGE).
(require 'smtpmail)
(require 'cl-lib)

(defvar parity-envelope nil "The envelope sender smtpmail chose for the current case.")

(advice-add 'smtpmail-deduce-address-list :before
            (lambda (&rest _) (setq parity-envelope smtpmail-mail-address)))

(let ((cases (with-temp-buffer
               (insert-file-contents (car command-line-args-left))
               (read (current-buffer)))))
  (dolist (c cases)
    (let ((dir (nth 1 c))
          (error-text nil))
      (setq parity-envelope 'unset)
      (cl-progv (mapcar #'car (nth 2 c)) (mapcar #'cdr (nth 2 c))
        (let ((default-directory dir))
          (with-temp-buffer
            (insert-file-contents (expand-file-name "message.eml" dir))
            (condition-case err
                (smtpmail-send-it)
              (error (setq error-text (error-message-string err)))))))
      (with-temp-file (expand-file-name "result.eld" dir)
        (let ((print-escape-newlines t))
          (prin1 (list parity-envelope error-text) (current-buffer)))))))
