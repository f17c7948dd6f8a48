;;; doom_shim.el --- what Doom's :email mu4e module gives a config, for the Emacs side of the parity tests  -*- lexical-binding: t -*-
;; Written for these tests from the behaviour elconf/builtins/doom_email.py documents (Doom's
;; module: its mail defaults when mu4e loads, then each set-email-account! context).
(defmacro after! (feature &rest body)
  `(with-eval-after-load ',feature ,@body))

(defvar +mu4e-backend 'mbsync)
(defvar +mu4e-personal-addresses nil)

(with-eval-after-load 'mu4e
  (setq mu4e-get-mail-command "mbsync -a"
        mu4e-change-filenames-when-moving t
        mu4e-update-interval nil
        mu4e-sent-messages-behavior 'sent
        message-send-mail-function #'smtpmail-send-it
        smtpmail-stream-type 'starttls
        message-kill-buffer-on-exit t
        mu4e-context-policy 'pick-first
        mu4e-compose-context-policy 'ask-if-none
        mail-user-agent 'mu4e-user-agent
        message-mail-user-agent 'mu4e-user-agent))

(defun set-email-account! (label letvars &optional default-p)
  (with-eval-after-load 'mu4e
    (let ((kept (seq-remove (lambda (c) (equal (mu4e-context-name c) label)) mu4e-contexts))
          (context (make-mu4e-context
                    :name label
                    :leave-func (lambda () (setq +mu4e-personal-addresses nil))
                    :match-func (lambda (msg)
                                  (when msg
                                    (string-prefix-p (concat "/" label)
                                                     (or (mu4e-message-field msg :maildir) "") t)))
                    :vars letvars)))
      (setq mu4e-contexts (if default-p (cons context kept) (append kept (list context)))))))
