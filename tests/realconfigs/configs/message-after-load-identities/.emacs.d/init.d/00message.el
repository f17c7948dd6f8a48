(eval-after-load 'message
  '(progn
     ;; Close mail buffer after sending
     (setq message-kill-buffer-on-exit t)

     ;; Use msmtp; it picks the account from the envelope sender.
     (setq sendmail-program "/usr/bin/msmtp"
           mail-specify-envelope-from t
           mail-envelope-from 'header
           message-sendmail-envelope-from 'header)

     ;; Enable flyspell for composing mail
     (add-hook 'message-setup-hook (lambda () (flyspell-mode t)))

     (defun my-message-header-setup-hook ()
       ;; Canonicalize my university address
       (when (string-match "kohlhaas@\\(uni-bremen\\.de\\|informatik\\.uni-bremen\\.de\\)"
                           (message-fetch-field "From"))
         (message-remove-header "From")
         (message-delete-line)
         (insert "From: " (let ((user-mail-address "kohlhaas@uni-bremen.de"))
                            (message-make-from))
                 "\n")))

     (add-hook 'message-header-setup-hook 'my-message-header-setup-hook)

     (add-hook 'message-setup-hook
               (lambda ()
                 (if window-system
                     nil
                   (define-key message-mode-map "\C-\M-j" 'message-newline-and-reformat))))))
